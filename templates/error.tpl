{{%AUTOESCAPE context="HTML"}}
<section class="card error-page">
<h1>{{HEADING}}</h1>
<p>{{TEXT}}</p>
<p class="incident">[[Error]] {{STATUS}}{{#HAS_INCIDENT}} · [[incident]] <code>{{INCIDENT}}</code>{{/HAS_INCIDENT}}</p>
<p><a class="button" href="{{PREFIX}}">[[Back to the start page]]</a></p>
</section>
