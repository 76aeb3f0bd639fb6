{{%AUTOESCAPE context="XML"}}{{! An item's description is HTML: its lead (text) is escaped as HTML, then as XML (LEAD:h:h). }}<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>{{TITLE}}</title>
<link>{{LINK}}</link>
<description>{{DESCRIPTION}}</description>
<language>{{LANGUAGE}}</language>
<generator>Newsline</generator>
{{#BUILT}}<lastBuildDate>{{DATE}}</lastBuildDate>
{{/BUILT}}<atom:link href="{{SELF}}" rel="self" type="application/rss+xml"/>
{{#ITEM}}<item>
<title>{{TITLE}}</title>
<link>{{LINK}}</link>
<guid isPermaLink="false">{{GUID}}</guid>
<pubDate>{{DATE}}</pubDate>
<category>{{CATEGORY}}</category>
<description>{{LEAD:h:h}}</description>
<content:encoded>{{BODY}}</content:encoded>
{{#IMAGE}}<media:content url="{{URL}}" medium="image" type="image/jpeg" width="{{WIDTH}}" height="{{HEIGHT}}"><media:description type="plain">{{ALT}}</media:description></media:content>
{{/IMAGE}}</item>
{{/ITEM}}</channel>
</rss>
