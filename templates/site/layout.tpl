{{%AUTOESCAPE context="HTML"}}{{! The shared layout of every public page: header, the page's content, the news line. }}
<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}} | {{SITE_NAME}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{TEXT}}">{{/DESCRIPTION}}
{{#ROBOTS}}<meta name="robots" content="{{CONTENT}}">{{/ROBOTS}}
{{#CANONICAL}}<link rel="canonical" href="{{CANONICAL_URL}}">{{/CANONICAL}}
{{#ALTERNATE}}<link rel="alternate" hreflang="{{LANG}}" href="{{URL}}">
{{/ALTERNATE}}{{#FEED}}<link rel="alternate" type="application/rss+xml" title="{{TITLE}}" href="{{URL}}">
{{/FEED}}<meta property="og:site_name" content="{{SITE_NAME}}">
<meta property="og:type" content="{{OG_TYPE}}">
<meta property="og:title" content="{{PAGE_TITLE}}">
{{#DESCRIPTION}}<meta property="og:description" content="{{TEXT}}">{{/DESCRIPTION}}
{{#CANONICAL}}<meta property="og:url" content="{{CANONICAL_URL}}">{{/CANONICAL}}
<meta property="og:locale" content="{{LOCALE}}">
{{#IMAGE}}<meta property="og:image" content="{{URL}}">
<meta property="og:image:width" content="{{WIDTH}}">
<meta property="og:image:height" content="{{HEIGHT}}">
<meta property="og:image:alt" content="{{ALT}}">
{{/IMAGE}}{{#ARTICLE_META}}<meta property="article:published_time" content="{{PUBLISHED}}">
<meta property="article:modified_time" content="{{MODIFIED}}">
<meta property="article:section" content="{{SECTION}}">
{{#TAG}}<meta property="article:tag" content="{{NAME}}">
{{/TAG}}{{/ARTICLE_META}}<meta name="twitter:card" content="{{TWITTER_CARD}}">
{{! DATA: JSON from util/json.h, whose writer escapes < > & so no value can close the script. }}{{#JSON_LD}}<script type="application/ld+json">{{DATA:none}}</script>
{{/JSON_LD}}{{! Above: link previews (OpenGraph, read by messengers and social sites), the Twitter card, structured data. }}<link rel="stylesheet" href="{{SITE_CSS_URL}}">
<link rel="icon" href="{{ICON_URL}}" type="image/svg+xml">
</head>
<body>
{{#PREVIEW}}<p class="preview-banner" role="status">{{PREVIEW_LABEL}}</p>{{/PREVIEW}}
{{#BREAKING}}<p class="breaking-banner" role="status"><strong>{{LABEL}}</strong> <a href="{{URL}}">{{TITLE}}</a></p>{{/BREAKING}}
<header class="site-header">
<a class="brand" href="{{HOME_URL}}">{{SITE_NAME}}</a>
{{! The sections twice: a bar on wide screens, and a menu that opens without script on phones (the CSS shows one of them). }}
<nav class="sections" aria-label="{{SECTIONS}}"><a href="{{ALL_NEWS_URL}}">{{ALL_NEWS}}</a>{{#SECTION}}<a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NAME}}</a>{{/SECTION}}</nav>
<details class="sections-menu"><summary>{{MENU}}</summary><nav aria-label="{{SECTIONS}}"><a href="{{ALL_NEWS_URL}}">{{ALL_NEWS}}</a>{{#SECTION}}<a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NAME}}</a>{{/SECTION}}</nav></details>
<form class="site-search" role="search" action="{{SEARCH_URL}}" method="get"><label class="visually-hidden" for="site-search-q">{{SEARCH}}</label><input id="site-search-q" type="search" name="q" placeholder="{{SEARCH}}" maxlength="200" enterkeyhint="search"><button type="submit">{{SEARCH_BUTTON}}</button></form>
<nav class="editions" aria-label="Editions">{{#EDITION_LINK}}<a href="{{URL}}" lang="{{CODE}}" hreflang="{{CODE}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NAME}}</a>{{/EDITION_LINK}}</nav>
</header>
<div class="page">
<main class="content">
{{>CONTENT}}
</main>
{{! NEWSLINE: markup rendered from site/newsline.tpl, which auto-escapes every value (view.cc render_newsline). }}{{NEWSLINE:none}}</div>
<footer class="site-footer">
<nav class="footer-links" aria-label="{{SITE_NAME}}">{{#FOOTER_LINK}}<a href="{{URL}}">{{TITLE}}</a>{{/FOOTER_LINK}}<a href="{{CORRECTIONS_URL}}">{{CORRECTIONS}}</a></nav>
<p><a href="{{HOME_URL}}">{{SITE_NAME}}</a></p>
</footer>
</body>
</html>
