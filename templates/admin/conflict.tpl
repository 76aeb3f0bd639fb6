{{%AUTOESCAPE context="HTML"}}{{! Someone saved meanwhile: both versions side by side; the editor's text is kept in the form. }}
<section class="conflict">
<h1>Someone else saved this article meanwhile</h1>
<p>Your changes were <strong>not</strong> saved. Below is the version {{SAVED_BY}} saved (revision {{THEIR_REVISION}}), and your text in the form. Merge what you need, then save again.</p>
<div class="versions">
<div class="theirs">
<h2>Saved version (revision {{THEIR_REVISION}}, {{THEIR_STATUS}})</h2>
<h3>{{THEIR_TITLE}}</h3>
<p class="meta">{{THEIR_AUTHOR}} / {{THEIR_SOURCE}}</p>
<pre class="body-text">{{THEIR_BODY:pre_escape}}</pre>
</div>
<div class="yours">
<h2>Your version</h2>
{{>FORM}}
</div>
</div>
</section>
