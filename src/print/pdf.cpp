// PDF layout with pango/cairo.
#include "print/pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "image/photo.hpp"

namespace qsm::print {
namespace {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;  // A4 in points
constexpr double kMargin = 48, kFooter = 28, kPad = 4;
constexpr const char* kFont = "Noto Sans CJK SC";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct PdfDocument::Impl {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double y = kMargin;
  int page = 1;
  std::optional<DocumentMark> mark;
  bool qr_drawn = false;
  const double width = kPageWidth - 2 * kMargin;

  Impl() {
    surface = cairo_pdf_surface_create_for_stream(append, &bytes, kPageWidth, kPageHeight);
    cr = cairo_create(surface);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("无法创建 PDF");
  }
  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }

  PangoLayout* layout(const std::string& text, double size, bool bold, double w, PangoAlignment align = PANGO_ALIGN_LEFT) {
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* f = pango_font_description_from_string(kFont);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    pango_layout_set_width(l, static_cast<int>(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));  // plain text: no markup injection
    return l;
  }
  static double height(PangoLayout* l) {
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void draw(PangoLayout* l, double x, double at_y) {
    cairo_move_to(cr, x, at_y);
    pango_cairo_show_layout(cr, l);
  }
  void footer() {
    const std::string text = (mark ? "文件编号 " + mark->number + "　　" : std::string{}) + "第 " + std::to_string(page) + " 页";
    PangoLayout* l = layout(text, 8, false, width, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    draw(l, kMargin, kPageHeight - kFooter);
    cairo_set_source_rgb(cr, 0, 0, 0);
    g_object_unref(l);
  }
  void new_page() {
    footer();
    cairo_show_page(cr);
    ++page;
    y = kMargin;
  }
  bool fits(double h) const { return y + h <= kPageHeight - kMargin - kFooter; }

  // One table row: cells wrap inside their columns; the row breaks to a new page as a whole.
  void row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool bold, bool shaded,
           const std::vector<std::string>* repeat_header, const std::vector<double>* header_widths) {
    std::vector<PangoLayout*> ls;
    double h = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      ls.push_back(layout(cells[i], 9, bold, widths[i] * width - 2 * kPad));
      h = std::max(h, height(ls.back()));
    }
    h += 2 * kPad;
    if (!fits(h)) {
      new_page();
      if (repeat_header) row(*repeat_header, *header_widths, true, true, nullptr, nullptr);
    }
    double x = kMargin;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      double w = widths[i] * width;
      if (shaded) {
        cairo_set_source_rgb(cr, 0.93, 0.94, 0.96);
        cairo_rectangle(cr, x, y, w, h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
      }
      cairo_set_line_width(cr, 0.5);
      cairo_rectangle(cr, x, y, w, h);
      cairo_stroke(cr);
      draw(ls[i], x + kPad, y + kPad);
      g_object_unref(ls[i]);
      x += w;
    }
    y += h;
  }
};

PdfDocument::PdfDocument() : impl_(std::make_unique<Impl>()) {}
PdfDocument::~PdfDocument() = default;

void PdfDocument::page_break() {
  if (impl_->y > kMargin) impl_->new_page();
}

void PdfDocument::mark(const DocumentMark& m) { impl_->mark = m; }

void PdfDocument::title(const std::string& text) {
  auto& d = *impl_;
  // The QR code of a registered printout at the top right of its first page, the title beside it.
  constexpr double kQrSize = 72, kQrTop = 22;
  const bool qr = d.mark && d.page == 1 && !d.qr_drawn && !d.mark->qr_rows.empty();
  const double title_width = qr ? d.width - 2 * (kQrSize + 8) : d.width;
  PangoLayout* l = d.layout(text, 16, true, title_width, PANGO_ALIGN_CENTER);
  d.draw(l, kMargin + (d.width - title_width) / 2, d.y);
  double bottom = d.y + Impl::height(l) + 12;
  g_object_unref(l);
  if (qr) {
    const auto& rows = d.mark->qr_rows;
    const double module = kQrSize / static_cast<double>(rows.size());
    const double x0 = kPageWidth - kMargin - kQrSize;
    cairo_set_source_rgb(d.cr, 0, 0, 0);
    for (std::size_t yy = 0; yy < rows.size(); ++yy)
      for (std::size_t xx = 0; xx < rows[yy].size(); ++xx)
        if (rows[yy][xx] == '1') cairo_rectangle(d.cr, x0 + xx * module, kQrTop + yy * module, module, module);
    cairo_fill(d.cr);
    d.qr_drawn = true;
    PangoLayout* caption = d.layout("扫码核验\n" + d.mark->number, 6.5, false, kQrSize + 20, PANGO_ALIGN_CENTER);
    d.draw(caption, x0 - 10, kQrTop + kQrSize + 2);
    bottom = std::max(bottom, kQrTop + kQrSize + 2 + Impl::height(caption) + 6);
    g_object_unref(caption);
  }
  d.y = bottom;
}

void PdfDocument::heading(const std::string& text) {
  PangoLayout* l = impl_->layout(text, 11, true, impl_->width);
  double h = Impl::height(l) + 6;
  if (!impl_->fits(h + 30)) impl_->new_page();
  impl_->draw(l, kMargin, impl_->y + 4);
  impl_->y += h + 4;
  g_object_unref(l);
}

void PdfDocument::paragraph(const std::string& text) {
  PangoLayout* l = impl_->layout(text, 9, false, impl_->width);
  double h = Impl::height(l) + 4;
  if (!impl_->fits(h)) impl_->new_page();
  impl_->draw(l, kMargin, impl_->y);
  impl_->y += h;
  g_object_unref(l);
}

void PdfDocument::fields(const std::vector<std::pair<std::string, std::string>>& rows) {
  const std::vector<double> widths{0.24, 0.76};
  for (const auto& [label, value] : rows) impl_->row({label, value}, widths, false, false, nullptr, nullptr);
}

void PdfDocument::table(const std::vector<std::string>& header, const std::vector<double>& widths,
                        const std::vector<std::vector<std::string>>& rows) {
  impl_->row(header, widths, true, true, nullptr, nullptr);
  for (const auto& r : rows) impl_->row(r, widths, false, false, &header, &widths);
}

void PdfDocument::space(double points) { impl_->y += points; }

void PdfDocument::signatures(const std::vector<std::string>& parties) {
  if (parties.empty()) return;
  std::vector<std::string> cells;
  for (const auto& p : parties) cells.push_back(p + "\n\n签字：\n\n\n（盖章）\n\n日期：　　　年　　月　　日");
  impl_->row(cells, std::vector<double>(parties.size(), 1.0 / static_cast<double>(parties.size())), false, false, nullptr, nullptr);
}

void PdfDocument::photos(const std::vector<Photo>& items) {
  auto& d = *impl_;
  constexpr int kPerRow = 3;
  constexpr double kGap = 10, kImageHeight = 130;
  const double cell = (d.width - kGap * (kPerRow - 1)) / kPerRow;
  for (std::size_t first = 0; first < items.size(); first += kPerRow) {
    const std::size_t last = std::min(items.size(), first + kPerRow);
    double caption_h = 0;
    std::vector<PangoLayout*> captions;
    for (std::size_t i = first; i < last; ++i) {
      captions.push_back(d.layout(items[i].caption, 8, false, cell));
      caption_h = std::max(caption_h, Impl::height(captions.back()));
    }
    if (!d.fits(kImageHeight + caption_h + 2 * kPad)) d.new_page();
    for (std::size_t i = first; i < last; ++i) {
      const double x = kMargin + static_cast<double>(i - first) * (cell + kGap);
      auto px = image::decode_rgb(items[i].jpeg);
      cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px.width, px.height);
      cairo_surface_flush(s);
      unsigned char* data = cairo_image_surface_get_data(s);
      const int stride = cairo_image_surface_get_stride(s);
      for (int yy = 0; yy < px.height; ++yy) {
        auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(yy) * stride);
        const auto* in = reinterpret_cast<const unsigned char*>(px.rgb.data()) + static_cast<std::size_t>(yy) * px.width * 3;
        for (int xx = 0; xx < px.width; ++xx)
          row[xx] = (std::uint32_t{in[3 * xx]} << 16) | (std::uint32_t{in[3 * xx + 1]} << 8) | in[3 * xx + 2];
      }
      cairo_surface_mark_dirty(s);
      // The PDF carries the JPEG itself rather than the decoded pixels.
      auto* copy = static_cast<unsigned char*>(g_malloc(items[i].jpeg.size()));
      std::memcpy(copy, items[i].jpeg.data(), items[i].jpeg.size());
      cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, items[i].jpeg.size(), g_free, copy);
      const double scale = std::min(cell / px.width, kImageHeight / px.height);
      cairo_save(d.cr);
      cairo_translate(d.cr, x + (cell - px.width * scale) / 2, d.y);
      cairo_scale(d.cr, scale, scale);
      cairo_set_source_surface(d.cr, s, 0, 0);
      cairo_paint(d.cr);
      cairo_restore(d.cr);
      cairo_surface_destroy(s);
      d.draw(captions[i - first], x, d.y + kImageHeight + kPad);
      g_object_unref(captions[i - first]);
    }
    d.y += kImageHeight + caption_h + 2 * kPad + kGap;
  }
}

std::string PdfDocument::finish() {
  impl_->footer();
  cairo_show_page(impl_->cr);
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  return std::move(impl_->bytes);
}

}  // namespace qsm::print
