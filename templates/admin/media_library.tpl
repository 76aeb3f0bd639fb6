{{%AUTOESCAPE context="HTML"}}{{! The photo library: upload, search, newest first, keyset pages. }}
<section class="media-library">
{{#DONE}}<p class="notice" role="status">Photo No. {{ID}} uploaded. In an article body: <code>![{{ALT}}](media:{{ID}})</code></p>{{/DONE}}
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
{{>UPLOAD}}
<form class="filters" method="get" action="/admin/media" role="search">
<label>Search <input name="q" value="{{Q}}" maxlength="200" placeholder="alt text, caption or credit"></label>
<button type="submit">Search</button>
</form>
<ul class="photo-grid">
{{#PHOTO}}<li><a href="/admin/media/{{ID}}"><img src="{{THUMB_URL}}" alt="{{ALT}}" width="320" height="{{THUMB_HEIGHT}}" loading="lazy"></a>
<p><strong>No. {{ID}}</strong> {{ALT}}</p>
{{#CAPTION_SECTION}}<p class="caption">{{CAPTION}}</p>{{/CAPTION_SECTION}}
<p class="meta">{{#CREDIT_SECTION}}{{CREDIT}} · {{/CREDIT_SECTION}}{{WIDTH}} × {{HEIGHT}} {{KIND}} · {{UPLOADED_BY}} {{UPLOADED_AT}}</p>
<p><code>![{{ALT}}](media:{{ID}})</code> · <a href="/admin/media/{{ID}}">Edit</a></p></li>
{{/PHOTO}}
</ul>
{{#EMPTY}}<p>No photos{{#SEARCHED}} match this search{{/SEARCHED}}.</p>{{/EMPTY}}
{{#NEXT_PAGE}}<nav class="pager"><a rel="next" href="/admin/media?q={{Q:u}}&amp;before={{BEFORE}}">Older photos</a></nav>{{/NEXT_PAGE}}
</section>
