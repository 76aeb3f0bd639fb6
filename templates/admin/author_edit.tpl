{{%AUTOESCAPE context="HTML"}}{{! One author: name, bio, photo. }}
<section class="narrow-form">
<h1>{{NAME}}</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<p><a href="{{PUBLIC_URL}}">Their page</a></p>
<form method="post" action="/admin/authors/{{ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>Name <input name="name" value="{{NAME}}" required maxlength="200"></label>
<label>Short bio <textarea name="bio" rows="4" maxlength="1000">{{BIO:pre_escape}}</textarea></label>
<label>Photo number <input name="photo" value="{{PHOTO}}" inputmode="numeric" pattern="[0-9]*" maxlength="20"> <small>from the <a href="/admin/media">photo library</a>; empty: none</small></label>
<div class="buttons"><button type="submit" class="primary">Save</button> <a href="/admin/authors">Back to the authors</a></div>
</form>
</section>
