{{%AUTOESCAPE context="XML"}}{{! A sitemap of pages: articles (with lead photo and translations) or an edition's sections. }}<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{{#URL}}<url><loc>{{LOC}}</loc>{{#LASTMOD}}<lastmod>{{DATE}}</lastmod>{{/LASTMOD}}{{#ALTERNATE}}<xhtml:link rel="alternate" hreflang="{{LANG}}" href="{{HREF}}"/>{{/ALTERNATE}}{{#IMAGE}}<image:image><image:loc>{{LOC}}</image:loc></image:image>{{/IMAGE}}</url>
{{/URL}}</urlset>
