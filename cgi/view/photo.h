// Photos on pages: the <picture> of a photo at every width it has, WebP with
// JPEG for the rest, with width and height so nothing shifts as it loads.
#pragma once
#include <ctemplate/template.h>

#include <string>

#include "db/media.h"
#include "media/image.h"

struct Edition;

// The address of photo `p`'s variant `width` wide: /media/ID/HASH-WIDTH.EXT
// (immutable: a changed photo gets a new hash).
std::string photo_url(const Photo& p, int width, VariantFormat format);
// The address of a variant of any kind, a crop included: /media/ID/HASH-WIDTHxHEIGHT.jpg.
std::string photo_url(const Photo& p, const VariantSpec& spec);

// The width of the photo's variant for link previews and feeds: 1200, or its
// own width when narrower.
int preview_width(const Photo& p);

// Where a photo stands, which decides the widths a browser picks from (sizes)
// and whether it loads at once.
enum class PhotoPlace { lead, body, top_story, second_story, thumbnail };

// Fills site/picture.tpl's variables in `d`.
void fill_picture(ctemplate::TemplateDictionary* d, const Photo& p, PhotoPlace place);
// Includes site/figure.tpl (the picture with its caption and credit) as
// `include_name` in `parent`.
void add_figure(ctemplate::TemplateDictionary& parent, const char* include_name, const Photo& p, PhotoPlace place,
                const Edition& e);
// Includes site/picture.tpl alone as `include_name`.
void add_picture(ctemplate::TemplateDictionary& parent, const char* include_name, const Photo& p, PhotoPlace place);
// The markup of a photo inside an article body (util/markdown.h): a figure
// when it stands alone, the picture alone inside text. `alt` is the body's own
// words for it, when the editor wrote any.
std::string render_body_photo(const Photo& p, const std::string& alt, bool block, const Edition& e);
