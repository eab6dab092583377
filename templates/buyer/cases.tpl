{{%AUTOESCAPE context="HTML"}}
<h1>[[My cases]]</h1>
<p class="lead">[[Your refund, return and exchange requests, open ones first.]]</p>
{{#EMPTY}}<p class="empty card">[[You have no requests. To ask for a refund, open]] <a href="{{PREFIX}}">[[your orders]]</a> [[and choose “Request a refund”.]]</p>{{/EMPTY}}
{{#HAS_CASES}}<table class="queue">
<thead><tr><th scope="col">[[Case]]</th><th scope="col">[[Shop]]</th><th scope="col">[[Type]]</th><th scope="col">[[State]]</th><th scope="col" class="num">[[Amount]]</th><th scope="col">[[Next deadline]]</th></tr></thead>
<tbody>
{{#CASE}}<tr><td data-label="[[Case]]"><a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a><small class="sku">[[Order]] {{ORDER_NO}}</small></td><td data-label="[[Shop]]">{{WHO}}</td><td data-label="[[Type]]">{{TYPE}}</td><td data-label="[[State]]"><span class="badge state-{{STATE_KEY}}">{{STATE}}</span>{{#YOUR_MOVE}} <b class="your-move">[[Your move]]</b>{{/YOUR_MOVE}}{{#WAITING}} <small class="muted">[[waiting for]] {{WHO}}</small>{{/WAITING}}</td><td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td><td data-label="[[Next deadline]]">{{DEADLINE}}</td></tr>
{{/CASE}}</tbody>
</table>{{/HAS_CASES}}
