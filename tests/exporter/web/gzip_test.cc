// gzip: which Accept-Encoding values allow it, and output zlib inflates back.
#include <doctest/doctest.h>
#include <zlib.h>

#include "exporter/web/gzip.h"

using namespace symptree;

TEST_CASE("gzip: Accept-Encoding values") {
  CHECK(accepts_gzip("gzip"));
  CHECK(accepts_gzip("deflate, GZIP;q=0.5"));
  CHECK(accepts_gzip("gzip, deflate"));  // httplib's and Prometheus' form
  CHECK_FALSE(accepts_gzip(""));
  CHECK_FALSE(accepts_gzip("identity"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip("x-gzip2"));
}

TEST_CASE("gzip: a gzip member that inflates to the text") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "symptree_metric{i=\"" + std::to_string(i) + "\"} 1\n";
  std::string packed = gzip_compress(text);
  CHECK(packed.size() < text.size() / 4);
  CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out(text.size() + 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(packed.data());
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  CHECK(inflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  CHECK(out == text);
}
