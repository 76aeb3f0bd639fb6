#include "util/slug.h"

#include <unordered_map>

#include "util/text.h"

namespace {

// Transliteration of the letters of the az and ru editions (lower case; upper
// case is folded first). Azerbaijani as on Azerbaijani sites (ş→sh, ç→ch, ğ→gh, ə→e).
const std::unordered_map<char32_t, const char*>& transliteration() {
  static const std::unordered_map<char32_t, const char*> table = {
      {U'ə', "e"},  {U'ı', "i"},  {U'i', "i"},  {U'ö', "o"},  {U'ü', "u"},  {U'ş', "sh"}, {U'ç', "ch"},
      {U'ğ', "gh"}, {U'а', "a"},  {U'б', "b"},  {U'в', "v"},  {U'г', "g"},  {U'д', "d"},  {U'е', "e"},
      {U'ё', "e"},  {U'ж', "zh"}, {U'з', "z"},  {U'и', "i"},  {U'й', "y"},  {U'к', "k"},  {U'л', "l"},
      {U'м', "m"},  {U'н', "n"},  {U'о', "o"},  {U'п', "p"},  {U'р', "r"},  {U'с', "s"},  {U'т', "t"},
      {U'у', "u"},  {U'ф', "f"},  {U'х', "kh"}, {U'ц', "ts"}, {U'ч', "ch"}, {U'ш', "sh"}, {U'щ', "shch"},
      {U'ъ', ""},   {U'ы', "y"},  {U'ь', ""},   {U'э', "e"},  {U'ю', "yu"}, {U'я', "ya"}, {U'é', "e"},
      {U'á', "a"},  {U'à', "a"},  {U'ä', "a"},  {U'ñ', "n"},  {U'ß', "ss"}, {U'’', ""},   {U'\'', ""},
  };
  return table;
}

char32_t lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c >= U'А' && c <= U'Я') return c + 32;  // Cyrillic А..Я -> а..я
  if (c == U'Ё') return U'ё';
  switch (c) {
    case U'Ə':
      return U'ə';
    case U'İ':
      return U'i';
    case U'Ö':
      return U'ö';
    case U'Ü':
      return U'ü';
    case U'Ş':
      return U'ş';
    case U'Ç':
      return U'ç';
    case U'Ğ':
      return U'ğ';
    default:
      return c;
  }
}

}  // namespace

std::string slugify(const std::string& title) {
  std::string out;
  bool pending_hyphen = false;
  for (size_t i = 0; i < title.size();) {
    char32_t c = lower(next_code_point(title, i));
    std::string piece;
    if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
      piece = static_cast<char>(c);
    } else if (auto it = transliteration().find(c); it != transliteration().end()) {
      piece = it->second;
      if (piece.empty()) continue;  // apostrophes and soft signs vanish without a hyphen
    }
    if (piece.empty()) {
      pending_hyphen = !out.empty();
      continue;
    }
    if (pending_hyphen) out += '-';
    pending_hyphen = false;
    out += piece;
  }
  if (out.size() > 80) {
    out.resize(80);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  return out.empty() ? "article" : out;
}

bool is_valid_slug(const std::string& slug) {
  if (slug.empty() || slug.size() > 80 || slug.front() == '-' || slug.back() == '-') return false;
  for (size_t i = 0; i < slug.size(); ++i) {
    char c = slug[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && slug[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}
