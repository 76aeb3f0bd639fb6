{{%AUTOESCAPE context="HTML"}}{{! An editor's form that reached a worker while MariaDB was away: the text sent, kept, ready to send again. Standalone: needs no database. }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Not saved | {{SITE_NAME}} admin</title>
<link rel="stylesheet" href="{{SITE_CSS_URL}}">
<link rel="stylesheet" href="{{ADMIN_CSS_URL}}">
</head>
<body class="admin">
<main class="admin-main">
<section class="unsaved">
<h1>Not saved: the database is not answering</h1>
<div class="errors" role="alert"><p>Nothing of this form was saved. Your text is below, as you sent it: save it again
in a minute, or copy it somewhere safe first.</p></div>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/HIDDEN}}{{#FIELD}}<label>{{LABEL}}
<textarea name="{{NAME}}" rows="{{ROWS}}">{{VALUE:pre_escape}}</textarea></label>
{{/FIELD}}<p><button type="submit">Save again</button></p>
</form>
</section>
</main>
</body>
</html>
