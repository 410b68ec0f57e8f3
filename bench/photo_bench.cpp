// Photo processing cost (issue 23), in-process: a synthetic 12-megapixel camera JPEG (4000×3000,
// EXIF orientation 6, noise over a gradient so it compresses like a photo) through what an upload
// does — inspect (header, EXIF), render (decode with shrink-on-load, rotate, watermark, the 2048 px
// display JPEG and the 320 px thumbnail) and the two SHA-256 — repeated, with the CPU time of each and
// the process's peak RSS. `--write PATH` only writes the JPEG (for bench/photos.mjs, the upload bench).
#include <sys/resource.h>
#include <vips/vips.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "crypto/secret.hpp"
#include "image/photo.hpp"

namespace {

std::string camera_jpeg(int w, int h) {
  VipsImage *xy = nullptr, *x = nullptr, *y = nullptr, *r = nullptr, *g = nullptr, *noise = nullptr, *joined = nullptr, *img = nullptr;
  vips_xyz(&xy, w, h, nullptr);
  vips_extract_band(xy, &x, 0, nullptr);
  vips_extract_band(xy, &y, 1, nullptr);
  vips_linear1(x, &r, 255.0 / w, 0, nullptr);
  vips_linear1(y, &g, 255.0 / h, 0, nullptr);
  vips_gaussnoise(&noise, w, h, "mean", 128.0, "sigma", 30.0, nullptr);
  VipsImage* bands[3] = {r, g, noise};
  vips_bandjoin(bands, &joined, 3, nullptr);
  vips_cast(joined, &img, VIPS_FORMAT_UCHAR, nullptr);
  img->Type = VIPS_INTERPRETATION_sRGB;
  vips_image_set_string(img, "exif-ifd2-DateTimeOriginal", "2026:11:30 14:05:09");
  vips_image_set_int(img, "orientation", 6);
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_jpegsave_buffer(img, &buf, &len, "Q", 92, nullptr) != 0) {
    std::fprintf(stderr, "jpegsave: %s\n", vips_error_buffer());
    std::exit(1);
  }
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  for (auto* i : {xy, x, y, r, g, noise, joined, img}) g_object_unref(i);
  return out;
}

double cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  qsm::image::init(argv[0]);
  const std::string jpeg = camera_jpeg(4000, 3000);
  if (argc == 3 && std::strcmp(argv[1], "--write") == 0) {
    std::ofstream(argv[2], std::ios::binary) << jpeg;
    std::printf("%s: %zu bytes, 4000×3000\n", argv[2], jpeg.size());
    return 0;
  }
  const int runs = argc == 2 ? std::max(1, std::atoi(argv[1])) : 10;
  std::printf("photo: 4000×3000 JPEG, %.1f MB; %d runs (one thread, as the server's heavy pool runs each)\n", jpeg.size() / 1e6, runs);
  std::vector<double> cpu, wall;
  for (int i = 0; i < runs; ++i) {
    const double c0 = cpu_ms();
    const auto w0 = std::chrono::steady_clock::now();
    auto original = qsm::image::inspect(jpeg);
    auto rendered = qsm::image::render(jpeg, original, "沪建质2026-0001 · 拍摄 2026-11-30 14:05 · 张建国");
    auto sums = qsm::crypto::sha256_hex(jpeg) + qsm::crypto::sha256_hex(rendered.display) + qsm::crypto::sha256_hex(rendered.thumbnail);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
    cpu.push_back(cpu_ms() - c0);
    if (i == 0)
      std::printf("display %d×%d %.0f KB, thumbnail %.0f KB, taken_at %s\n", rendered.width, rendered.height, rendered.display.size() / 1e3,
                  rendered.thumbnail.size() / 1e3, original.taken_at.value_or("-").c_str());
    (void)sums;
  }
  auto median = [](std::vector<double> v) { std::sort(v.begin(), v.end()); return v[v.size() / 2]; };
  std::printf("per photo: CPU median %.0f ms (min %.0f, max %.0f), wall median %.0f ms; peak RSS of this process %.0f MB\n", median(cpu),
              *std::min_element(cpu.begin(), cpu.end()), *std::max_element(cpu.begin(), cpu.end()), median(wall), peak_rss_kb() / 1024.0);
  return 0;
}
