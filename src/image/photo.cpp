#include "image/photo.hpp"

#include <malloc.h>
#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>

namespace qsm::image {

namespace {

// The only loaders a photo may come through; SVG, PDF, GIF, TIFF, ImageMagick's and the rest never run.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kLoaders{{
    {"VipsForeignLoadJpegBuffer", "jpeg"},
    {"VipsForeignLoadPngBuffer", "png"},
    {"VipsForeignLoadWebpBuffer", "webp"},
    {"VipsForeignLoadHeifBuffer", "heif"},
}};

struct Unref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// The error libvips left for this thread's last call, then cleared (for the server log only: the
// user gets the Refused message).
std::string vips_message() {
  std::string m = vips_error_buffer();
  vips_error_clear();
  return m;
}

[[noreturn]] void damaged() {
  vips_error_clear();
  throw Refused(Refused::Reason::damaged, "照片无法完整解码（文件可能已损坏或未传完整），请重新拍摄或选择原图后再上传");
}

std::string_view format_of(std::string_view bytes) {
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  vips_error_clear();
  if (!loader) return {};
  for (auto [name, format] : kLoaders)
    if (name == loader) return format;
  return {};
}

Image open_header(std::string_view bytes) {
  VipsImage* im = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
  if (!im) damaged();
  return Image(im);
}

std::optional<std::string> text_field(VipsImage* im, const char* name) {
  if (vips_image_get_typeof(im, name) == 0) return std::nullopt;
  const char* s = nullptr;
  if (vips_image_get_string(im, name, &s) != 0 || !s) {
    vips_error_clear();
    return std::nullopt;
  }
  // libvips writes "value (value, Type, n components, n bytes)": the part before " (".
  std::string v(s);
  if (auto p = v.find(" ("); p != std::string::npos) v.resize(p);
  return v;
}

// "2026:11:30 14:05:09" → "2026-11-30 14:05:09"; anything else (empty, "0000:00:00 …") → nullopt.
std::optional<std::string> exif_time(const std::optional<std::string>& v) {
  if (!v || v->size() < 19) return std::nullopt;
  std::string t = v->substr(0, 19);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool sep = i == 4 || i == 7 || i == 10 || i == 13 || i == 16;
    if (sep ? !(t[i] == ':' || t[i] == ' ' || t[i] == '-') : !(t[i] >= '0' && t[i] <= '9')) return std::nullopt;
  }
  if (t.starts_with("0000")) return std::nullopt;
  t[4] = t[7] = '-';
  t[10] = ' ';
  t[13] = t[16] = ':';
  return t;
}

// "31/1 13/1 4986/100" → 31 + 13/60 + 49.86/3600.
std::optional<double> exif_degrees(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  double parts[3] = {0, 0, 0};
  std::string_view s = *v;
  for (int i = 0; i < 3; ++i) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    auto slash = s.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto end = s.find(' ', slash);
    std::string_view num = s.substr(0, slash), den = s.substr(slash + 1, end == std::string_view::npos ? std::string_view::npos : end - slash - 1);
    double a = 0, b = 0;
    if (std::from_chars(num.data(), num.data() + num.size(), a).ec != std::errc{} ||
        std::from_chars(den.data(), den.data() + den.size(), b).ec != std::errc{} || b == 0)
      return std::nullopt;
    parts[i] = a / b;
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
  }
  return parts[0] + parts[1] / 60 + parts[2] / 3600;
}

std::optional<std::string> exif_gps(VipsImage* im) {
  auto lat = exif_degrees(text_field(im, "exif-ifd3-GPSLatitude"));
  auto lon = exif_degrees(text_field(im, "exif-ifd3-GPSLongitude"));
  if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) return std::nullopt;
  if (text_field(im, "exif-ifd3-GPSLatitudeRef").value_or("N").starts_with("S")) *lat = -*lat;
  if (text_field(im, "exif-ifd3-GPSLongitudeRef").value_or("E").starts_with("W")) *lon = -*lon;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f,%.6f", *lat, *lon);
  return std::string(buf);
}

// An sRGB image of three 8-bit bands, whatever the photo was (grey, CMYK, 16-bit, with alpha).
Image to_srgb(Image im) {
  VipsImage* out = nullptr;
  if (vips_image_hasalpha(im.get())) {
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int rc = vips_flatten(im.get(), &out, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (rc != 0) damaged();
    im.reset(out);
  }
  if (vips_colourspace(im.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr) != 0) damaged();
  im.reset(out);
  if (vips_image_get_bands(im.get()) > 3) {
    if (vips_extract_band(im.get(), &out, 0, "n", 3, nullptr) != 0) damaged();
    im.reset(out);
  }
  if (vips_image_get_format(im.get()) != VIPS_FORMAT_UCHAR) {
    if (vips_cast(im.get(), &out, VIPS_FORMAT_UCHAR, nullptr) != 0) damaged();
    im.reset(out);
  }
  return im;
}

// White text on a translucent dark band along the bottom edge, wrapped to the image's width.
Image watermarked(Image base, std::string_view line) {
  if (line.empty()) return base;
  const int w = vips_image_get_width(base.get()), h = vips_image_get_height(base.get());
  const int text_px = std::clamp(w / 48, 12, 48);  // the text's height in pixels
  const int pad = text_px / 2;
  const int dpi = text_px * 72 / 12;                // a 12-point font at this many dots per inch
  if (w <= 4 * pad) return base;
  VipsImage* t = nullptr;
  // vips_text reads Pango markup: the line is escaped so a name like "A&B" prints as written.
  gchar* escaped = g_markup_escape_text(std::string(line).c_str(), -1);
  int rc = vips_text(&t, escaped, "font", "Noto Sans CJK SC 12", "dpi", dpi, "width", w - 2 * pad, nullptr);
  g_free(escaped);
  if (rc != 0) throw std::runtime_error("水印文字渲染失败：" + vips_message());
  Image text(t);
  const int tw = vips_image_get_width(text.get()), th = vips_image_get_height(text.get());
  const int bw = std::min(w, tw + 2 * pad), bh = std::min(h, th + 2 * pad);
  VipsImage *box = nullptr, *alpha = nullptr, *alpha8 = nullptr, *overlay = nullptr, *out = nullptr, *rgb = nullptr;
  if (vips_embed(text.get(), &box, pad, pad, bw, bh, nullptr) != 0) throw std::runtime_error(vips_message());
  Image box_i(box);
  // Alpha: 100/255 over the band (a dark veil), nearly opaque on the letters.
  if (vips_linear1(box_i.get(), &alpha, 0.6, 100.0, nullptr) != 0) throw std::runtime_error(vips_message());
  Image alpha_i(alpha);
  if (vips_cast(alpha_i.get(), &alpha8, VIPS_FORMAT_UCHAR, nullptr) != 0) throw std::runtime_error(vips_message());
  Image alpha8_i(alpha8);
  VipsImage* bands[4] = {box_i.get(), box_i.get(), box_i.get(), alpha8_i.get()};
  if (vips_bandjoin(bands, &overlay, 4, nullptr) != 0) throw std::runtime_error(vips_message());
  Image overlay_i(overlay);
  overlay_i->Type = VIPS_INTERPRETATION_sRGB;
  if (vips_composite2(base.get(), overlay_i.get(), &out, VIPS_BLEND_MODE_OVER, "x", 0, "y", h - bh, nullptr) != 0)
    throw std::runtime_error(vips_message());
  Image out_i(out);
  if (vips_extract_band(out_i.get(), &rgb, 0, "n", 3, nullptr) != 0) throw std::runtime_error(vips_message());
  Image rgb_i(rgb);
  VipsImage* cast = nullptr;
  if (vips_cast(rgb_i.get(), &cast, VIPS_FORMAT_UCHAR, nullptr) != 0) throw std::runtime_error(vips_message());
  return Image(cast);
}

std::string jpeg(VipsImage* im, int quality) {
  void* buf = nullptr;
  std::size_t len = 0;
  if (vips_jpegsave_buffer(im, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, nullptr) != 0) damaged();
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

// A shrink-on-load thumbnail of `bytes` within side × side, upright by its EXIF orientation; a
// truncated or corrupt file fails here rather than being filled with grey.
Image shrunk(std::string_view bytes, int side) {
  VipsImage* out = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &out, side, "height", side, "size", VIPS_SIZE_DOWN,
                            "option_string", "fail_on=truncated", nullptr) != 0)
    damaged();
  return Image(out);
}

}  // namespace

void init(const char* argv0) {
  static std::once_flag once;
  std::call_once(once, [argv0] {
    if (VIPS_INIT(argv0 ? argv0 : "qsm") != 0) throw std::runtime_error("libvips 初始化失败：" + vips_message());
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
  });
}

Original inspect(std::string_view bytes) {
  if (bytes.size() > kMaxBytes) throw Refused(Refused::Reason::too_large, "照片不能超过 20 MB，请压缩或换一张后再上传");
  auto format = format_of(bytes);
  if (format.empty())
    throw Refused(Refused::Reason::not_a_photo, "只能上传 JPEG、PNG、WebP 或 HEIC 格式的照片（文件内容不是其中任何一种）");
  auto im = open_header(bytes);
  Original o;
  o.format = std::string(format);
  o.width = vips_image_get_width(im.get());
  o.height = vips_image_get_height(im.get());
  if (static_cast<std::int64_t>(o.width) * o.height > kMaxPixels)
    throw Refused(Refused::Reason::too_many_pixels, "照片像素过多（" + std::to_string(o.width) + "×" + std::to_string(o.height) +
                                                        "，上限 5000 万像素），请缩小后再上传");
  if (vips_image_get_n_pages(im.get()) > 1) throw Refused(Refused::Reason::animated, "不能上传动图或多帧图片，请上传单张照片");
  o.taken_at = exif_time(text_field(im.get(), "exif-ifd2-DateTimeOriginal"));
  if (!o.taken_at) o.taken_at = exif_time(text_field(im.get(), "exif-ifd0-DateTime"));
  o.gps = exif_gps(im.get());
  return o;
}

namespace {

// The display version's longest side: kDisplaySide at most, and exactly half the original's when that
// is still over 1536 px, so that a 12-megapixel camera JPEG (4000 px) is decoded at half size by the
// JPEG decoder itself (shrink-on-load) — a third of the CPU of decoding it whole and resizing.
int display_side(const Original& o) {
  const int longest = std::max(o.width, o.height);
  if (longest <= kDisplaySide) return longest;
  return longest / 2 >= 1536 ? std::min(kDisplaySide, longest / 2) : kDisplaySide;
}

}  // namespace

Rendered render(std::string_view bytes, const Original& original, std::string_view watermark) {
  auto display = watermarked(to_srgb(shrunk(bytes, display_side(original))), watermark);
  Rendered r;
  r.display = jpeg(display.get(), 82);
  r.width = vips_image_get_width(display.get());
  r.height = vips_image_get_height(display.get());
  auto thumb = to_srgb(shrunk(r.display, kThumbnailSide));
  r.thumbnail = jpeg(thumb.get(), 75);
  return r;
}

void release_memory() { malloc_trim(0); }

Pixels decode_rgb(std::string_view jpeg_bytes) {
  VipsImage* im = vips_image_new_from_buffer(jpeg_bytes.data(), jpeg_bytes.size(), "", nullptr);
  if (!im) damaged();
  auto rgb = to_srgb(Image(im));
  std::size_t size = 0;
  void* mem = vips_image_write_to_memory(rgb.get(), &size);
  if (!mem) damaged();
  Pixels p;
  p.width = vips_image_get_width(rgb.get());
  p.height = vips_image_get_height(rgb.get());
  p.rgb.assign(static_cast<const char*>(mem), size);
  g_free(mem);
  return p;
}

}  // namespace qsm::image
