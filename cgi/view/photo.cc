#include "view/photo.h"

#include "db/content.h"
#include "media/variant_store.h"
#include "view/templates.h"

namespace {

const char* sizes_for(PhotoPlace place) {
  switch (place) {
    case PhotoPlace::lead:
    case PhotoPlace::body:
    case PhotoPlace::top_story:
      return "(max-width: 760px) 100vw, 720px";
    case PhotoPlace::second_story:
      return "(max-width: 760px) 100vw, 350px";
    case PhotoPlace::thumbnail:
      return "160px";
  }
  return "100vw";
}

const char* place_name(PhotoPlace place) {
  switch (place) {
    case PhotoPlace::lead:
      return "lead";
    case PhotoPlace::body:
      return "body";
    case PhotoPlace::top_story:
      return "top";
    case PhotoPlace::second_story:
      return "second";
    case PhotoPlace::thumbnail:
      return "thumb";
  }
  return "";
}

// The width of the plain src: wide enough for a column, small for a thumbnail.
int fallback_width(const std::vector<int>& widths, PhotoPlace place) {
  int want = place == PhotoPlace::thumbnail ? 320 : place == PhotoPlace::second_story ? 640 : 960;
  int best = widths.front();
  for (int w : widths)
    if (w <= want) best = w;
  return best;
}

void fill_figure(ctemplate::TemplateDictionary* d, const Photo& p, PhotoPlace place, const Edition& e) {
  d->SetValue(TPL_NAME("PLACE"), place_name(place));
  auto* picture = d->AddIncludeDictionary(TPL_NAME("PICTURE"));
  picture->SetFilename("site/picture.tpl");
  fill_picture(picture, p, place);
  if (p.caption.empty() && p.credit.empty()) return;
  auto* captioned = d->AddSectionDictionary(TPL_NAME("CAPTIONED"));
  captioned->SetValue(TPL_NAME("CAPTION"), p.caption);
  if (!p.credit.empty()) {
    auto* credit = captioned->AddSectionDictionary(TPL_NAME("CREDIT"));
    credit->SetValue(TPL_NAME("LABEL"), e.label("photo"));
    credit->SetValue(TPL_NAME("TEXT"), p.credit);
  }
}

}  // namespace

std::string photo_url(const Photo& p, const VariantSpec& spec) {
  return "/media/" + std::to_string(p.id) + "/" + variant_file_name(p.hash, spec);
}

std::string photo_url(const Photo& p, int width, VariantFormat format) { return photo_url(p, {width, format}); }

// The widths worth offering where a photo stands: up to twice its size on the
// page (screens of two device pixels per CSS pixel). Fewer candidates keep a
// page of thumbnails small.
static std::vector<int> offered_widths(const Photo& p, PhotoPlace place) {
  int most = place == PhotoPlace::thumbnail ? 320 : place == PhotoPlace::second_story ? 960 : 1 << 30;
  std::vector<int> widths;
  for (int w : widths_for(p.width))
    if (w <= most || widths.empty()) widths.push_back(w);
  return widths;
}

void fill_picture(ctemplate::TemplateDictionary* d, const Photo& p, PhotoPlace place) {
  std::vector<int> widths = offered_widths(p, place);
  // With one width there is nothing to choose from: no descriptors, no sizes.
  ctemplate::TemplateDictionary* multi = widths.size() > 1 ? d->AddSectionDictionary(TPL_NAME("MULTI")) : nullptr;
  if (multi) multi->SetValue(TPL_NAME("SIZES"), sizes_for(place));
  for (int w : widths) {
    auto* webp = d->AddSectionDictionary(TPL_NAME("WEBP"));
    webp->SetValue(TPL_NAME("URL"), photo_url(p, w, VariantFormat::webp));
    webp->SetValue(TPL_NAME("DESCRIPTOR"), multi ? " " + std::to_string(w) + "w" : "");
    if (!multi) continue;
    auto* jpeg = multi->AddSectionDictionary(TPL_NAME("JPEG"));
    jpeg->SetValue(TPL_NAME("URL"), photo_url(p, w, VariantFormat::jpeg));
    jpeg->SetIntValue(TPL_NAME("W"), w);
  }
  int src = fallback_width(widths, place);
  d->SetValue(TPL_NAME("SRC"), photo_url(p, src, VariantFormat::jpeg));
  d->SetIntValue(TPL_NAME("WIDTH"), src);
  d->SetIntValue(TPL_NAME("HEIGHT"), scaled_height(p.width, p.height, src));
  // A thumbnail beside its headline, in a link hidden from screen readers, says
  // nothing the headline does not: decorative (alt="").
  d->SetValue(TPL_NAME("ALT"), place == PhotoPlace::thumbnail ? "" : p.alt);
  if (place == PhotoPlace::lead || place == PhotoPlace::top_story)
    d->ShowSection(TPL_NAME("EAGER"));
  else
    d->ShowSection(TPL_NAME("LAZY"));
}

void add_figure(ctemplate::TemplateDictionary& parent, const char* include_name, const Photo& p, PhotoPlace place,
                const Edition& e) {
  auto* d = parent.AddIncludeDictionary(include_name);
  d->SetFilename("site/figure.tpl");
  fill_figure(d, p, place, e);
}

void add_picture(ctemplate::TemplateDictionary& parent, const char* include_name, const Photo& p, PhotoPlace place) {
  auto* d = parent.AddIncludeDictionary(include_name);
  d->SetFilename("site/picture.tpl");
  fill_picture(d, p, place);
}

std::string render_body_photo(const Photo& photo, const std::string& alt, bool block, const Edition& e) {
  Photo p = photo;
  if (!alt.empty()) p.alt = alt;
  ctemplate::TemplateDictionary d("photo");
  if (!block) {
    fill_picture(&d, p, PhotoPlace::body);
    return expand_template("site/picture.tpl", d);
  }
  fill_figure(&d, p, PhotoPlace::body, e);
  return expand_template("site/figure.tpl", d);
}

int preview_width(const Photo& p) { return p.width > kPreviewWidth ? kPreviewWidth : widths_for(p.width).back(); }
