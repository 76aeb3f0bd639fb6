{{%AUTOESCAPE context="HTML"}}{{! A simple page of the edition: About, Contacts ... }}
<article class="article simple-page">
<h1>{{TITLE}}</h1>
<div class="body">
{{! BODY_HTML: libcmark's safe rendering of the admin's Markdown (see util/markdown.cc), vetted markup. }}
{{BODY_HTML:none}}
</div>
</article>
