{{%AUTOESCAPE context="XML"}}{{! The sitemap index (/sitemap.xml): every sitemap of every edition, with its last change when known. }}<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{{#SITEMAP}}<sitemap><loc>{{LOC}}</loc>{{#LASTMOD}}<lastmod>{{DATE}}</lastmod>{{/LASTMOD}}</sitemap>
{{/SITEMAP}}</sitemapindex>
