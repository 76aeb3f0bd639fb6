{{%AUTOESCAPE context="HTML"}}{{! One article: title, category and time, paragraphs, byline, related links. }}
<article class="article">
{{#BREADCRUMBS}}<nav class="breadcrumbs" aria-label="{{LABEL}}"><ol><li><a href="{{HOME_URL}}">{{HOME}}</a></li><li><a href="{{CATEGORY_URL}}">{{CATEGORY}}</a></li></ol></nav>{{/BREADCRUMBS}}
<h1>{{TITLE}}</h1>
{{#LEAD}}<p class="standfirst">{{TEXT}}</p>{{/LEAD}}
<p class="meta"><a class="category" href="{{CATEGORY_URL}}">{{CATEGORY}}</a> <time datetime="{{ISO}}">{{WHEN}}</time>{{#UPDATED}} <span class="updated">{{LABEL}} <time datetime="{{ISO}}">{{WHEN}}</time></span>{{/UPDATED}}</p>
{{>LEAD_PHOTO}}
<div class="body">
{{! BODY_HTML is libcmark's rendering of the editor's Markdown in safe mode (raw HTML
    omitted, javascript:/vbscript:/file:/data: links dropped; see util/markdown.cc),
    so it is vetted markup and must not be escaped again. }}
{{BODY_HTML:none}}
</div>
{{! The byline separator is the double backslash EDnews prints between author and source. }}
{{#BYLINE}}<p class="byline">{{AUTHOR}}{{#SEPARATOR}}\\{{/SEPARATOR}}{{SOURCE}}</p>{{/BYLINE}}
{{#AUTHORS}}<p class="byline">{{BY}} {{#AUTHOR}}{{#ROLE}}{{TEXT}} {{/ROLE}}<a href="{{URL}}" rel="author">{{NAME}}</a>{{#AUTHOR_separator}}, {{/AUTHOR_separator}}{{/AUTHOR}}{{#SOURCE_SECTION}}\\{{SOURCE}}{{/SOURCE_SECTION}}</p>{{/AUTHORS}}
{{#CORRECTIONS}}<aside class="corrections-note" aria-label="{{LABEL}}">{{#CORRECTION}}<p><strong>{{LABEL}}</strong> <time datetime="{{ISO}}">{{WHEN}}</time>: {{TEXT}}</p>{{/CORRECTION}}</aside>{{/CORRECTIONS}}
{{#TAGS}}<p class="tags"><span class="visually-hidden">{{LABEL}}:</span>{{#TAG}}<a href="{{URL}}" rel="tag">#{{NAME}}</a> {{/TAG}}</p>{{/TAGS}}
{{#RELATED_SECTION}}<nav class="related" aria-label="{{RELATED_LABEL}}">
<ul>{{#RELATED}}<li><a href="{{URL}}">{{TITLE}}</a></li>{{/RELATED}}</ul>
</nav>{{/RELATED_SECTION}}
</article>
