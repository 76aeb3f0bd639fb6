{{%AUTOESCAPE context="HTML"}}{{! One article: title, category and time, paragraphs, byline, related links. }}
<article class="article">
<h1>{{TITLE}}</h1>
<p class="meta"><a class="category" href="{{CATEGORY_URL}}">{{CATEGORY}}</a> <time datetime="{{ISO}}">{{WHEN}}</time></p>
<div class="body">
{{#PARAGRAPH}}<p>{{TEXT}}</p>
{{/PARAGRAPH}}
</div>
{{! The byline separator is the double backslash EDnews prints between author and source. }}
{{#BYLINE}}<p class="byline">{{AUTHOR}}{{#SEPARATOR}}\\{{/SEPARATOR}}{{SOURCE}}</p>{{/BYLINE}}
{{#RELATED_SECTION}}<nav class="related" aria-label="{{RELATED_LABEL}}">
<ul>{{#RELATED}}<li><a href="{{URL}}">{{TITLE}}</a></li>{{/RELATED}}</ul>
</nav>{{/RELATED_SECTION}}
</article>
