// A4 PDF documents with Chinese text (pango + cairo, Noto Sans CJK): titles, label/value tables
// and column tables that wrap text, break pages and repeat their header. User text is always laid
// out as plain text, never as pango markup.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domain/time.hpp"

namespace qsm::print {

// What makes a printout a registered document (issue 26): its number, printed in every page's
// footer, and the QR code of its verification address, printed at the top right of the first page.
struct DocumentMark {
  std::string number;                 // YP-20261203-000017
  std::vector<std::string> qr_rows;   // the QR code's modules, '1' dark (crypto::qr_rows of the address)
  domain::Instant printed_at;
};

class PdfDocument {
 public:
  PdfDocument();
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Number and QR code of a registered printout; before title().
  void mark(const DocumentMark& m);
  void title(const std::string& text);
  void heading(const std::string& text);
  void paragraph(const std::string& text);
  // Two-column label/value rows ("工程名称" | "某某大厦新建工程").
  void fields(const std::vector<std::pair<std::string, std::string>>& rows);
  // A table: widths are fractions of the text width and add up to 1.
  void table(const std::vector<std::string>& header, const std::vector<double>& widths, const std::vector<std::vector<std::string>>& rows);
  void space(double points);
  // Signature and seal blocks side by side, one per party ("施工单位项目负责人"): room to sign, the
  // seal (盖章) and the date; the row never breaks across pages.
  void signatures(const std::vector<std::string>& parties);
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
