{{%AUTOESCAPE context="HTML"}}
<h1>[[E-mail notifications]]</h1>
<p class="lead">
[[We can tell you by e-mail when something happens on your cases: an answer, a message, a refund paid. Each e-mail links to the case.]]
</p>
<form method="post" action="{{PREFIX}}notifications" class="card request" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#EMAIL_ERROR}} invalid{{/EMAIL_ERROR}}">
<label for="n-email">[[E-mail address]]</label>
<input type="email" id="n-email" name="email" value="{{EMAIL}}" maxlength="254" autocomplete="email"
{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="n-email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}
<p class="field-error" id="n-email-error">{{TEXT}}</p>
{{/EMAIL_ERROR}}
</div>
<div class="field">
<label><input type="checkbox" name="notify" value="1"{{#NOTIFY_ON}} checked{{/NOTIFY_ON}}>
[[Send me e-mail about my cases]]</label>
</div>
<button type="submit" class="button primary">[[Save]]</button>
</form>
