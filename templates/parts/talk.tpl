{{%AUTOESCAPE context="HTML"}}
{{#UNREAD}}
<form method="post" action="{{PREFIX}}case/{{ID}}/seen" class="unread-mark card" data-seen>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="upto" value="{{UPTO}}">
<p><b class="unread-dot">[[New since your last visit]]</b>
{{#MESSAGE}}<span class="muted unread-message">· [[including a new message]]</span>{{/MESSAGE}}
<button type="submit" class="linkish">[[Mark as read]]</button></p>
</form>
{{/UNREAD}}
{{#STAFF}}
<section class="card staff-notes" id="staff-notes">
<h2>[[Internal notes]] <small>[[only your shop's staff and the platform see them; the buyer never does]]</small></h2>
<p class="assignee">[[Assigned to:]]
{{#UNASSIGNED}}<span class="muted">[[nobody]]</span>{{/UNASSIGNED}}{{#ASSIGNED}}<b>{{NAME}}</b>{{/ASSIGNED}}</p>
{{#ASSIGN_FORM}}
<form method="post" action="{{PREFIX}}case/{{ID}}/assign" class="assign">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<label for="assignee">[[Assign to]]</label>
<select id="assignee" name="assignee">
<option value="0"{{#NOBODY}} selected{{/NOBODY}}>[[Nobody]]</option>
{{#STAFF_OPT}}<option value="{{UID}}"{{#SELECTED}} selected{{/SELECTED}}>
{{NAME}} ({{LOGIN}}){{#ME}} · [[me]]{{/ME}}</option>{{/STAFF_OPT}}
</select>
<button type="submit" class="button">[[Assign]]</button>
</form>
{{/ASSIGN_FORM}}
{{#NO_NOTES}}<p class="muted">[[No notes yet.]]</p>{{/NO_NOTES}}
{{#NOTES}}
<ol class="notes">
{{#NOTE}}
<li class="note"><small>{{AT}} · {{BY}}</small>
{{#BODY}}<p class="note-text">{{TEXT}}</p>{{/BODY}}
{{#ASSIGN}}<p class="muted">{{TEXT}}</p>{{/ASSIGN}}
</li>
{{/NOTE}}
</ol>
{{/NOTES}}
<form method="post" action="{{PREFIX}}case/{{ID}}/note" class="note-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<label for="staff-note">[[Add a note for the staff]]</label>
<textarea id="staff-note" name="note" rows="3" maxlength="2000" required></textarea>
<button type="submit" class="button">[[Save the note]]</button>
</form>
</section>
{{/STAFF}}
