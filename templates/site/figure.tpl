{{%AUTOESCAPE context="HTML"}}{{! A photo with its caption and credit. }}
<figure class="photo photo-{{PLACE}}">{{>PICTURE}}{{#CAPTIONED}}<figcaption>{{CAPTION}}{{#CREDIT}} <span class="credit">{{LABEL}}: {{TEXT}}</span>{{/CREDIT}}</figcaption>{{/CAPTIONED}}</figure>
