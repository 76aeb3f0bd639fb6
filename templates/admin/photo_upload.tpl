{{%AUTOESCAPE context="HTML"}}{{! Uploading a photo: a form of its own (multipart), which works without script. }}
<form class="photo-upload" method="post" action="{{UPLOAD_URL}}" enctype="multipart/form-data">
<h2>{{UPLOAD_HEADING}}</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>Photo <input type="file" name="photo" accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic" required> <small>JPEG, PNG, WebP, GIF, AVIF or HEIC, at most {{MAX_MB}} MB</small></label>
<label>Alt text <input name="alt" value="{{ALT}}" required maxlength="300"> <small>what the photo shows, for readers who cannot see it</small></label>
<label>Caption <input name="caption" value="{{CAPTION}}" maxlength="1000"></label>
<label>Credit <input name="credit" value="{{CREDIT}}" maxlength="200"> <small>photographer or agency</small></label>
<div class="buttons"><button type="submit" class="primary">{{UPLOAD_BUTTON}}</button></div>
</form>
