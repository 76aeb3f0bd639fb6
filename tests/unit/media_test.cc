// Photos: kinds from bytes, the master (upright, no metadata), variants, the
// variant names nginx and the workers agree on, multipart bodies, and photos
// in Markdown.
#include <boost/test/unit_test.hpp>

#include <string>

#include "http/multipart.h"
#include "media/image.h"
#include "media/variant_store.h"
#include "util/markdown.h"

namespace {

std::string le16(unsigned v) { return {static_cast<char>(v & 0xff), static_cast<char>(v >> 8)}; }
std::string le32(unsigned v) { return le16(v & 0xffff) + le16(v >> 16); }
std::string be16(unsigned v) { return {static_cast<char>(v >> 8), static_cast<char>(v & 0xff)}; }

// An EXIF segment (APP1) saying "rotate 90° to view" (orientation 6) and
// carrying a GPS position, as a phone writes it.
std::string exif_with_gps() {
  std::string tiff = "II*" + std::string(1, '\0') + le32(8);
  tiff += le16(2);                                               // IFD0: two entries
  tiff += le16(0x0112) + le16(3) + le32(1) + le16(6) + le16(0);  // Orientation = 6
  tiff += le16(0x8825) + le16(4) + le32(1) + le32(38);           // GPSInfo IFD at 38
  tiff += le32(0);
  tiff += le16(1);                                                       // GPS IFD: one entry
  tiff += le16(0x0001) + le16(2) + le32(2) + std::string("N\0\0\0", 4);  // GPSLatitudeRef "N"
  tiff += le32(0);
  std::string payload = std::string("Exif\0\0", 6) + tiff;
  return std::string("\xFF\xE1", 2) + be16(static_cast<unsigned>(payload.size() + 2)) + payload;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(media)

BOOST_AUTO_TEST_CASE(kinds_come_from_the_bytes) {
  BOOST_TEST((sniff_image_kind(std::string("\xFF\xD8\xFF\xE0", 4)) == ImageKind::jpeg));
  BOOST_TEST((sniff_image_kind("\x89PNG\r\n\x1A\n....") == ImageKind::png));
  BOOST_TEST((sniff_image_kind("GIF89a...") == ImageKind::gif));
  BOOST_TEST((sniff_image_kind("RIFF\x10\x00\x00\x00WEBPVP8 ") == ImageKind::none));  // a NUL cuts the literal
  BOOST_TEST((sniff_image_kind(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)) == ImageKind::webp));
  BOOST_TEST((sniff_image_kind(std::string("\0\0\0\x1C"
                                           "ftypavif",
                                           12)) == ImageKind::heif));
  BOOST_TEST((sniff_image_kind(std::string("\0\0\0\x18"
                                           "ftypheic",
                                           12)) == ImageKind::heif));
  BOOST_TEST((sniff_image_kind(std::string("\0\0\0\x18"
                                           "ftypmp42",
                                           12)) == ImageKind::none));  // a video
  BOOST_TEST(
      (sniff_image_kind("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>1</script></svg>") == ImageKind::none));
  BOOST_TEST((sniff_image_kind("<?php system($_GET['c']); ?>") == ImageKind::none));
  BOOST_TEST((sniff_image_kind("") == ImageKind::none));
}

BOOST_AUTO_TEST_CASE(a_master_is_upright_and_carries_no_metadata) {
  std::string jpeg = make_demo_photo(800, 600, 7, "test");
  std::string phone = jpeg.substr(0, 2) + exif_with_gps() + jpeg.substr(2);
  BOOST_REQUIRE(phone.find("Exif") != std::string::npos);
  ImageRefusal why;
  auto master = make_master(phone, ImageLimits{}, why);
  BOOST_REQUIRE_MESSAGE(master, why.message);
  BOOST_TEST(master->width == 600);  // turned as the orientation said
  BOOST_TEST(master->height == 800);
  BOOST_TEST(master->mime == "image/jpeg");
  BOOST_TEST(master->bytes.find("Exif") == std::string::npos);
  BOOST_TEST(master->bytes.find("GPS") == std::string::npos);
  for (VariantFormat f : {VariantFormat::jpeg, VariantFormat::webp}) {
    std::string v = make_variant(master->bytes, {320, f});
    BOOST_TEST(v.find("Exif") == std::string::npos);
    BOOST_TEST((sniff_image_kind(v) == (f == VariantFormat::jpeg ? ImageKind::jpeg : ImageKind::webp)));
  }
}

BOOST_AUTO_TEST_CASE(uploads_that_are_refused) {
  ImageRefusal why;
  BOOST_TEST(!make_master("", ImageLimits{}, why));
  BOOST_TEST(why.message == "The file is empty.");
  BOOST_TEST(!make_master("<svg onload=alert(1)>", ImageLimits{}, why));
  BOOST_TEST(why.message.find("not a photo") != std::string::npos);
  std::string jpeg = make_demo_photo(640, 480, 3, "");
  BOOST_TEST(!make_master(jpeg.substr(0, jpeg.size() / 3), ImageLimits{}, why));  // truncated
  BOOST_TEST(why.message.find("damaged") != std::string::npos);
  ImageLimits small;
  small.max_pixels = 100'000;  // 640 x 480 is more
  BOOST_TEST(!make_master(jpeg, small, why));
  BOOST_TEST(why.message.find("too large") != std::string::npos);
  small.max_bytes = 100;
  BOOST_TEST(!make_master(jpeg, small, why));
  BOOST_TEST(why.message.find("larger than") != std::string::npos);
  // A JPEG that is also a web page (a polyglot), after the image or inside it.
  BOOST_TEST(!make_master(jpeg + "<html><SCRIPT>alert(document.cookie)</script></html>", ImageLimits{}, why));
  BOOST_TEST(why.message.find("web page or a script") != std::string::npos);
  BOOST_TEST(!make_master(jpeg.substr(0, 20) + "<?php system($_GET[1]); ?>" + jpeg.substr(20), ImageLimits{}, why));
}

BOOST_AUTO_TEST_CASE(widths_offered) {
  BOOST_TEST((widths_for(4000) == std::vector<int>{320, 640, 960, 1280, 1920}));
  BOOST_TEST((widths_for(1000) == std::vector<int>{320, 640, 960, 1000}));
  BOOST_TEST((widths_for(200) == std::vector<int>{200}));
  BOOST_TEST(scaled_height(1600, 900, 320) == 180);
}

BOOST_AUTO_TEST_CASE(variant_names) {
  VariantName v;
  BOOST_TEST(parse_variant_name("0123456789abcdef-640.webp", v));
  BOOST_TEST(v.hash == "0123456789abcdef");
  BOOST_TEST((v.spec == VariantSpec{640, VariantFormat::webp}));
  BOOST_TEST(parse_variant_name("0123456789abcdef-1920.jpg", v));
  BOOST_TEST((v.spec == VariantSpec{1920, VariantFormat::jpeg}));
  BOOST_TEST(parse_variant_name("0123456789abcdef-1200x675.jpg", v));
  BOOST_TEST((v.spec == VariantSpec{1200, VariantFormat::jpeg, 675}));
  for (const VariantSpec& spec : {VariantSpec{640, VariantFormat::webp}, VariantSpec{1200, VariantFormat::jpeg, 900}}) {
    std::string name = variant_file_name("0123456789abcdef", spec);
    BOOST_TEST((parse_variant_name(name, v) && v.spec == spec), name);
  }
  for (const char* bad :
       {"0123456789abcdef-640.png", "0123456789ABCDEF-640.jpg", "0123456789abcde-640.jpg", "0123456789abcdef-.jpg",
        "0123456789abcdef-99999.jpg", "0123456789abcdef-640", ".lock", "0123456789abcdef-640.jpg.tmp12",
        "0123456789abcdef-6x0.jpg", "0123456789abcdef-1200x675.webp", "0123456789abcdef-1200x.jpg",
        "0123456789abcdef-x675.jpg", "0123456789abcdef-1200x675x1.jpg", "0123456789abcdef-0640.jpg",
        "0123456789abcdef-640x0450.jpg"})
    BOOST_TEST(!parse_variant_name(bad, v), bad);
}

BOOST_AUTO_TEST_CASE(crops_for_search_engines) {
  auto sizes = [](int w, int h) {
    std::vector<std::pair<int, int>> out;
    for (const VariantSpec& c : crops_for(w, h)) out.emplace_back(c.width, c.height);
    return out;
  };
  using Sizes = std::vector<std::pair<int, int>>;
  BOOST_TEST((sizes(3840, 2160) == Sizes{{1200, 675}, {1200, 900}, {1200, 1200}}));
  BOOST_TEST((sizes(800, 600) == Sizes{{800, 450}, {800, 600}, {600, 600}}));
  BOOST_TEST((sizes(600, 800) == Sizes{{592, 333}, {600, 450}, {600, 600}}));
  BOOST_TEST((sizes(100, 20) == Sizes{{32, 18}, {24, 18}, {20, 20}}));
  BOOST_TEST((sizes(40, 10) == Sizes{}));  // too small to crop
  std::string master = make_demo_photo(1600, 1000, 5, "");
  for (const VariantSpec& crop : crops_for(1600, 1000)) {
    ImageRefusal why;
    auto made = make_master(make_variant(master, crop), ImageLimits{}, why);
    BOOST_REQUIRE_MESSAGE(made, why.message);
    BOOST_TEST(made->width == crop.width);
    BOOST_TEST(made->height == crop.height);
  }
}

BOOST_AUTO_TEST_CASE(multipart_bodies) {
  BOOST_TEST(*multipart_boundary("multipart/form-data; boundary=----x1") == "----x1");
  BOOST_TEST(*multipart_boundary("multipart/form-data; boundary=\"a b\"") == "a b");
  BOOST_TEST(!multipart_boundary("multipart/form-data"));
  BOOST_TEST(!multipart_boundary("application/x-www-form-urlencoded"));
  std::string body =
      "--XX\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
      "--XX\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nŞəki, a street\r\n"
      "--XX\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../x.php\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\r\n--X not the end\r\n"
      "--XX--\r\n";
  QueryParams fields;
  std::vector<UploadedFile> files;
  BOOST_REQUIRE(parse_multipart(body, "XX", fields, files));
  BOOST_TEST(fields.size() == 2u);
  BOOST_TEST(fields[1].second == "Şəki, a street");
  BOOST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0].field == "photo");
  BOOST_TEST(files[0].filename == "../../x.php");  // a label only: nothing is stored under it
  BOOST_TEST(files[0].bytes == "\xFF\xD8\xFF\r\n--X not the end");
  // Not well formed: no closing boundary, a part without a name, a field that is not UTF-8.
  fields.clear();
  files.clear();
  BOOST_TEST(!parse_multipart("--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", "XX", fields, files));
  BOOST_TEST(!parse_multipart("--XX\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XX--", "XX", fields, files));
  BOOST_TEST(!parse_multipart("--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xC3\r\n--XX--", "XX", fields,
                              files));
  std::string many;
  for (int i = 0; i < 40; ++i) many += "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
  BOOST_TEST(!parse_multipart(many + "--XX--", "XX", fields, files));
}

BOOST_AUTO_TEST_CASE(photos_in_markdown) {
  auto markup = [](int64_t id, const std::string& alt, bool block) -> std::string {
    if (id != 7) return "";
    return std::string(block ? "<figure>" : "<picture>") + "#" + std::to_string(id) + ":" + alt +
           (block ? "</figure>" : "</picture>");
  };
  BOOST_TEST(markdown_to_html("Text\n\n![The bridge](media:7)\n\nMore", markup) ==
             "<p>Text</p>\n<figure>#7:The bridge</figure>\n<p>More</p>\n");
  BOOST_TEST(markdown_to_html("See ![it](media:7) here", markup) == "<p>See <picture>#7:it</picture> here</p>\n");
  // Outside addresses and unknown photos are never images: their words stay.
  BOOST_TEST(markdown_to_html("![a *big* tracker](https://evil.example/t.gif)", markup) == "<p>a big tracker</p>\n");
  BOOST_TEST(markdown_to_html("![<script>x</script>](https://evil.example/t.gif)", markup) == "<p>x</p>\n");
  BOOST_TEST(markdown_to_html("![gone](media:8)", markup) == "<p>gone</p>\n");
  BOOST_TEST(markdown_to_html("![x](media:7)") == "<p>x</p>\n");  // no photos at hand
  BOOST_TEST((photo_references("![a](media:7) ![b](media:9)\n\n![c](media:7) ![d](http://x/y.jpg)") ==
              std::vector<int64_t>{7, 9}));
  // An image in another's description is only words of it (it once freed the inner one, then read it).
  BOOST_TEST(markdown_to_html("![a ![b](media:7)](media:7)", markup) == "<figure>#7:a b</figure>\n");
  BOOST_TEST(markdown_to_html("x ![a ![b](media:8)](media:9)", markup) == "<p>x a b</p>\n");
  BOOST_TEST((photo_references("![a ![b](media:9)](media:7)") == std::vector<int64_t>{7}));
}

BOOST_AUTO_TEST_SUITE_END()
