// A4 PDF documents with Chinese text (pango + cairo, Noto Sans CJK): titles, label/value tables
// and column tables that wrap text, break pages and repeat their header. User text is always laid
// out as plain text, never as pango markup.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace qsm::print {

class PdfDocument {
 public:
  PdfDocument();
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  void title(const std::string& text);
  void heading(const std::string& text);
  void paragraph(const std::string& text);
  // Two-column label/value rows ("工程名称" | "某某大厦新建工程").
  void fields(const std::vector<std::pair<std::string, std::string>>& rows);
  // A table: widths are fractions of the text width and add up to 1.
  void table(const std::vector<std::string>& header, const std::vector<double>& widths, const std::vector<std::vector<std::string>>& rows);
  void space(double points);
  // Starts a new page (a second form in the same document), unless the page is still empty.
  void page_break();
  // Photos in rows of three, each scaled to fit its cell with its caption below (plain text). The
  // JPEG is embedded as it is; a row breaks to a new page as a whole.
  struct Photo {
    std::string jpeg, caption;
  };
  void photos(const std::vector<Photo>& items);
  // Finishes the document (page numbers in the footer) and returns the PDF bytes.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qsm::print
