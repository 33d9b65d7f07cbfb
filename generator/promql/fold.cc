// Folding over exact rationals (__int128 numerator and denominator) beside
// the float64 value Prometheus would compute; a rational becomes a Decimal
// when its denominator divides a power of ten.
#include "generator/promql/fold.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace symptree::promql {

namespace {

using i128 = __int128;

// An exact rational, or nothing once an operation leaves the exact world.
struct Rational {
  i128 num = 0;
  i128 den = 1;
};
using Exact = std::optional<Rational>;

i128 gcd(i128 a, i128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Exact make(i128 num, i128 den) {
  if (den == 0) return std::nullopt;
  if (den < 0) num = -num, den = -den;
  i128 g = gcd(num, den);
  if (g > 1) num /= g, den /= g;
  return Rational{num, den};
}

Exact mul(Exact a, Exact b) {
  if (!a || !b) return std::nullopt;
  i128 n, d;
  if (__builtin_mul_overflow(a->num, b->num, &n) || __builtin_mul_overflow(a->den, b->den, &d)) return std::nullopt;
  return make(n, d);
}

Exact add(Exact a, Exact b) {
  if (!a || !b) return std::nullopt;
  i128 x, y, n, d;
  if (__builtin_mul_overflow(a->num, b->den, &x) || __builtin_mul_overflow(b->num, a->den, &y) ||
      __builtin_add_overflow(x, y, &n) || __builtin_mul_overflow(a->den, b->den, &d)) {
    return std::nullopt;
  }
  return make(n, d);
}

Exact negate(Exact a) { return a ? make(-a->num, a->den) : std::nullopt; }
Exact inverse(Exact a) { return a && a->num != 0 ? make(a->den, a->num) : std::nullopt; }

// A decimal literal's exact value: digits, fraction, exponent (hex and octal as integers).
Exact literal(const Node& node) {
  if (!std::isfinite(node.number)) return std::nullopt;
  std::string text = node.text;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  bool integer_form = text.find_first_of(".eE") == std::string::npos || text.rfind("0x", 0) == 0 || text.rfind("0X", 0) == 0;
  if (integer_form && std::fabs(node.number) < 1e18) return make(i128(std::llround(node.number)), 1);
  i128 num = 0;
  int scale = 0;
  size_t i = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (__builtin_mul_overflow(num, 10, &num) || __builtin_add_overflow(num, text[i] - '0', &num)) return std::nullopt;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++scale) {
      if (__builtin_mul_overflow(num, 10, &num) || __builtin_add_overflow(num, text[i] - '0', &num)) return std::nullopt;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    long exponent = std::strtol(text.c_str() + i + 1, nullptr, 10);
    if (exponent > 36 || exponent < -36) return std::nullopt;
    scale -= int(exponent);
  }
  if (scale < -36 || scale > 36) return std::nullopt;
  i128 power = 1;
  for (int k = 0; k < std::abs(scale); ++k) power *= 10;
  Exact r = scale >= 0 ? make(num, power) : mul(make(num, 1), make(power, 1));
  return negative ? negate(r) : r;
}

Exact power(Exact base, const Node& exponent_node, double exponent) {
  if (!base || exponent != std::floor(exponent) || std::fabs(exponent) > 64) return std::nullopt;
  (void)exponent_node;
  Exact r = make(1, 1);
  for (int k = 0; k < int(std::fabs(exponent)); ++k) r = mul(r, base);
  return exponent < 0 ? inverse(r) : r;
}

std::optional<Decimal> to_decimal(Exact r) {
  if (!r) return std::nullopt;
  // den = 2^twos * 5^fives exactly, else no finite decimal.
  i128 den = r->den, num = r->num;
  int twos = 0, fives = 0;
  while (den % 2 == 0) den /= 2, ++twos;
  while (den % 5 == 0) den /= 5, ++fives;
  if (den != 1) return std::nullopt;
  int scale = std::max(twos, fives);
  if (scale > 36) return std::nullopt;
  for (int k = twos; k < scale; ++k) {
    if (__builtin_mul_overflow(num, 2, &num)) return std::nullopt;
  }
  for (int k = fives; k < scale; ++k) {
    if (__builtin_mul_overflow(num, 5, &num)) return std::nullopt;
  }
  bool negative = num < 0;
  i128 magnitude = negative ? -num : num;
  std::string digits;
  do {
    digits.insert(digits.begin(), char('0' + int(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude > 0);
  while (int(digits.size()) <= scale) digits.insert(digits.begin(), '0');
  if (scale > 0) digits.insert(digits.size() - scale, ".");
  return Decimal::parse((negative ? "-" : "") + digits);
}

struct Value {
  double value;
  Exact exact;
};

std::optional<Value> binary(const Node& node, const Value& a, const Value& b) {
  switch (node.binary_op) {
    case BinaryOp::Add: return Value{a.value + b.value, add(a.exact, b.exact)};
    case BinaryOp::Sub: return Value{a.value - b.value, add(a.exact, negate(b.exact))};
    case BinaryOp::Mul: return Value{a.value * b.value, mul(a.exact, b.exact)};
    case BinaryOp::Div: return Value{a.value / b.value, mul(a.exact, inverse(b.exact))};
    case BinaryOp::Mod: {
      Exact q = mul(a.exact, inverse(b.exact));
      Exact r = q ? add(a.exact, negate(mul(make(q->num / q->den, 1), b.exact))) : std::nullopt;
      return Value{std::fmod(a.value, b.value), r};
    }
    case BinaryOp::Pow: return Value{std::pow(a.value, b.value), power(a.exact, node.child(1), b.value)};
    case BinaryOp::Atan2: return Value{std::atan2(a.value, b.value), std::nullopt};
    default: break;
  }
  if (!is_comparison(node.binary_op) || !node.return_bool) return std::nullopt;
  bool holds = false;
  switch (node.binary_op) {
    case BinaryOp::Eql: holds = a.value == b.value; break;
    case BinaryOp::Neq: holds = a.value != b.value; break;
    case BinaryOp::Lss: holds = a.value < b.value; break;
    case BinaryOp::Lte: holds = a.value <= b.value; break;
    case BinaryOp::Gtr: holds = a.value > b.value; break;
    default: holds = a.value >= b.value; break;
  }
  return Value{holds ? 1.0 : 0.0, make(holds ? 1 : 0, 1)};
}

std::optional<Value> fold(const Node& node) {
  switch (node.kind) {
    case NodeKind::Number: return Value{node.number, literal(node)};
    case NodeKind::Paren: return fold(node.child(0));
    case NodeKind::Unary: {
      auto inner = fold(node.child(0));
      if (!inner || node.op_text == "+") return inner;
      return Value{-inner->value, negate(inner->exact)};
    }
    case NodeKind::Binary: {
      auto a = fold(node.child(0));
      auto b = a ? fold(node.child(1)) : std::nullopt;
      if (!b) return std::nullopt;
      auto r = binary(node, *a, *b);
      if (r && !std::isfinite(r->value)) r->exact.reset();
      return r;
    }
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<Constant> fold_constant(const Node& expr) {
  auto v = fold(expr);
  if (!v) return std::nullopt;
  return Constant{v->value, to_decimal(v->exact)};
}

namespace {

// A decimal's exact value ("-12.5" is -125/10).
Exact from_decimal(const Decimal& d) {
  std::string text = d.to_string();
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  i128 num = 0, den = 1;
  bool fraction = false;
  for (char c : text) {
    if (c == '.') {
      fraction = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (__builtin_mul_overflow(num, 10, &num) || __builtin_add_overflow(num, c - '0', &num)) return std::nullopt;
    if (fraction && __builtin_mul_overflow(den, 10, &den)) return std::nullopt;
  }
  return make(negative ? -num : num, den);
}

}  // namespace

std::optional<Decimal> exact_quotient(const Decimal& a, const Decimal& b) {
  return to_decimal(mul(from_decimal(a), inverse(from_decimal(b))));
}

std::optional<Decimal> exact_product(const Decimal& a, const Decimal& b) {
  return to_decimal(mul(from_decimal(a), from_decimal(b)));
}

}  // namespace symptree::promql
