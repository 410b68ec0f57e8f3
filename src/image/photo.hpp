// Photo evidence (拍照取证) with libvips: what an upload is (decided by decoding, never by its header
// or name), its capture metadata, and the two versions the platform serves — a display image with a
// burnt-in watermark line and a thumbnail, both JPEG with every other piece of metadata stripped.
// Everything here is pure of the platform: bytes in, bytes out, a Refused with a Chinese message
// for anything that is not a photo this platform keeps.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qsm::image {

inline constexpr std::size_t kMaxBytes = 20u << 20;       // 20 MB
inline constexpr std::int64_t kMaxPixels = 50'000'000;    // 50 megapixels: decompression bombs
inline constexpr int kDisplaySide = 2048;                 // longest side of the display version
inline constexpr int kThumbnailSide = 320;

// Starts libvips once per process (a cache of no operations: every photo is new; one thread per
// photo: the server's heavy pool bounds how many run at once). Safe to call more than once.
void init(const char* argv0);

class Refused : public std::runtime_error {
 public:
  enum class Reason { too_large, not_a_photo, too_many_pixels, animated, damaged };
  Refused(Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
  Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

// What the original says about itself, read from its header alone.
struct Original {
  std::string format;  // jpeg, png, webp, heif
  int width = 0, height = 0;  // as stored (before the EXIF orientation)
  std::optional<std::string> taken_at;  // EXIF DateTimeOriginal (or DateTime), "YYYY-MM-DD HH:MM:SS" local to the camera
  std::optional<std::string> gps;       // "31.230416,121.473701" (WGS-84 degrees as the camera wrote them)
};
// Throws Refused for anything over the limits or that no allowed loader recognises.
Original inspect(std::string_view bytes);

struct Rendered {
  std::string display;  // JPEG, longest side ≤ kDisplaySide, rotated upright, watermarked, no metadata
  int width = 0, height = 0;
  std::string thumbnail;  // JPEG, longest side ≤ kThumbnailSide, no metadata
};
// Decodes the whole photo (a damaged or truncated one is Refused::damaged) with sequential access and
// shrink-on-load, rotates it by its EXIF orientation and writes `watermark` along its bottom edge.
// `original` is what inspect(bytes) said (its size chooses the display size).
Rendered render(std::string_view bytes, const Original& original, std::string_view watermark);

// Gives the memory freed by the last photo back to the system (glibc keeps freed buffers of a few
// megabytes on its heaps, where eight uploads in a row would keep the server at twice its working
// size); a photo's own allocations stay on the heap while it is made, which is faster than mapping
// each one.
void release_memory();

// The pixels of a JPEG this module made, as 8-bit RGB rows (for printing thumbnails).
struct Pixels {
  int width = 0, height = 0;
  std::string rgb;  // width * height * 3 bytes
};
Pixels decode_rgb(std::string_view jpeg);

}  // namespace qsm::image
