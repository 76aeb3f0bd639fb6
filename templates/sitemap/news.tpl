{{%AUTOESCAPE context="XML"}}{{! The Google News sitemap of an edition: its articles of the last 48 hours. }}<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{{#URL}}<url><loc>{{LOC}}</loc><news:news><news:publication><news:name>{{NAME}}</news:name><news:language>{{LANGUAGE}}</news:language></news:publication><news:publication_date>{{DATE}}</news:publication_date><news:title>{{TITLE}}</news:title></news:news></url>
{{/URL}}</urlset>
