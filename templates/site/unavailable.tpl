{{%AUTOESCAPE context="HTML"}}{{! A standalone page that needs no database: 503, 500 and requests refused at the edge. }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{HEADING}} | {{SITE_NAME}}</title>
<link rel="stylesheet" href="{{SITE_CSS_URL}}">
</head>
<body>
<main class="content plain">
<h1>{{HEADING}}</h1>
<p>{{TEXT}}</p>
<p><a href="/">{{SITE_NAME}}</a></p>
</main>
</body>
</html>
