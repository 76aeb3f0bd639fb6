{{%AUTOESCAPE context="XML"}}{{! The sitemap index (/sitemap.xml): every sitemap of every edition. }}<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{{#SITEMAP}}<sitemap><loc>{{LOC}}</loc></sitemap>
{{/SITEMAP}}</sitemapindex>
