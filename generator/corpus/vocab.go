package corpus

// The vocabulary the generator assembles postmortems from. Every list is a
// slice (never a map) so that drawing from it with a seeded generator is
// deterministic.
//
// Tracked words (see CommonWords) must appear in this text only in exactly
// the listed form: no plurals or other inflections ("replicas",
// "timeouts"), so that a stemming search finds exactly the postmortems
// recorded in Truth.Words. The package tests check this with a Porter
// stemmer and, for Japanese, with CJK bigrams.

// cause is one entry of the cause vocabulary written to pmkb.toml.
type cause struct {
	slug, name string
}

// system is one entry of the systems catalog written to pmkb.toml.
type system struct {
	slug, name, team string
}

// actionTemplate is an action-item title in both languages; "{sys}" is
// replaced with the primary system's name.
type actionTemplate struct {
	kind, en, ja string
}

// scenario is the story of one cause: titles, summary, contributing
// factor, mitigation step and follow-ups, in English and Japanese.
type scenario struct {
	trigger              string
	titleEN, titleJA     []string
	summaryEN, summaryJA string
	factorEN, factorJA   string
	mitigateEN           string
	mitigateJA           string
	actions              []actionTemplate
}

// causes is the cause vocabulary; scenarios[i] tells the story of causes[i].
var causes = []cause{
	{"config-change", "Configuration change"},
	{"expired-certificate", "Expired certificate"},
	{"capacity", "Capacity exhaustion"},
	{"dependency-failure", "Dependency failure"},
	{"bad-deploy", "Bad deploy"},
	{"missing-alert", "Missing alert"},
	{"software-bug", "Software bug"},
	{"network-partition", "Network partition"},
	{"dns", "DNS misconfiguration"},
	{"disk-full", "Disk full"},
	{"memory-leak", "Memory leak"},
	{"database-failover", "Database failover"},
	{"rate-limit", "Rate limiting"},
	{"human-error", "Manual operation error"},
	{"third-party-outage", "Third-party outage"},
}

var scenarios = []scenario{
	{ // config-change
		trigger: "config-push",
		titleEN: []string{"{sys} returned errors after a configuration change", "Configuration push broke routing in {sys}"},
		titleJA: []string{"設定変更後に{sys}でエラーが多発", "{sys}の設定反映ミスによるルーティング障害"},
		summaryEN: "A configuration change to {sys} was rolled out to all regions at once and broke request routing. " +
			"Reverting the change restored service.",
		summaryJA:  "{sys}への設定変更が全リージョンに一斉に反映され、リクエストのルーティングが壊れた。変更を切り戻して復旧した。",
		factorEN:   "The configuration change skipped the staged rollout because the pipeline treated it as a no-op. Validation only checked syntax, not the effect on routing.",
		factorJA:   "設定変更はパイプライン上で差分なしと判定され、段階的リリースを経ずに適用された。検証は構文チェックのみで、ルーティングへの影響は確認していなかった。",
		mitigateEN: "Reverted the configuration change.",
		mitigateJA: "設定変更を切り戻した。",
		actions: []actionTemplate{
			{"prevent", "Roll out configuration changes region by region", "設定変更をリージョンごとに段階適用する"},
			{"detect", "Alert on error rate within five minutes of a config push", "設定反映後5分以内のエラー率をアラート対象にする"},
			{"process", "Require a second reviewer for routing configuration", "ルーティング設定の変更に2人目のレビューを必須にする"},
		},
	},
	{ // expired-certificate
		trigger: "certificate-expiry",
		titleEN: []string{"{sys} returned 503 after a TLS certificate expired", "Expired certificate broke TLS handshakes for {sys}"},
		titleJA: []string{"証明書の期限切れにより{sys}が503を返した", "{sys}で証明書の期限切れによるTLSハンドシェイク失敗"},
		summaryEN: "The TLS certificate served by {sys} expired and clients could no longer connect. " +
			"A renewed certificate was issued and deployed by hand.",
		summaryJA:  "{sys}の証明書の期限が切れ、クライアントが接続できなくなった。証明書を手動で再発行してデプロイした。",
		factorEN:   "Automatic renewal had been failing silently for weeks because the renewal job lost access to the DNS zone. Nobody was alerted about the approaching expiry.",
		factorJA:   "自動更新ジョブがDNSゾーンへの権限を失い、数週間前から静かに失敗していた。期限切れが近いことを知らせるアラートはなかった。",
		mitigateEN: "Deployed a renewed certificate.",
		mitigateJA: "更新した証明書をデプロイした。",
		actions: []actionTemplate{
			{"prevent", "Renew certificates automatically with a monitored job", "証明書を監視付きのジョブで自動更新する"},
			{"detect", "Alert 14 days before any certificate expires", "証明書の期限切れ14日前にアラートを出す"},
			{"mitigate", "Document the manual certificate renewal procedure", "証明書の手動更新手順を文書化する"},
		},
	},
	{ // capacity
		trigger: "traffic-spike",
		titleEN: []string{"{sys} overloaded during a traffic spike", "Capacity shortfall in {sys} caused elevated latency"},
		titleJA: []string{"アクセス集中により{sys}が過負荷になった", "{sys}のキャパシティ不足でレスポンスが遅延"},
		summaryEN: "A marketing campaign sent three times the usual traffic to {sys}. " +
			"Autoscaling reached its configured maximum and latency climbed until requests were shed.",
		summaryJA:  "キャンペーンにより{sys}へのアクセスが通常の3倍になった。オートスケールが上限に達し、レスポンスが悪化してリクエストが破棄された。",
		factorEN:   "The autoscaling maximum had not been revisited since last year, and the campaign was not announced to the on-call team.",
		factorJA:   "オートスケールの上限値は昨年から見直されておらず、キャンペーンの予定もオンコールチームに共有されていなかった。",
		mitigateEN: "Raised the autoscaling limit and added capacity.",
		mitigateJA: "オートスケールの上限を引き上げ、台数を増やした。",
		actions: []actionTemplate{
			{"prevent", "Review autoscaling limits every quarter", "オートスケール上限を四半期ごとに見直す"},
			{"process", "Share the campaign calendar with the on-call rotation", "キャンペーン予定をオンコール担当に共有する"},
			{"detect", "Alert when capacity headroom drops below 30 percent", "キャパシティの余裕が30%を切ったらアラートを出す"},
		},
	},
	{ // dependency-failure
		trigger: "upstream-error",
		titleEN: []string{"{sys} degraded when an upstream dependency failed", "Cascading failure from an internal dependency took down {sys}"},
		titleJA: []string{"依存サービスの障害で{sys}が縮退した", "内部依存サービスの連鎖障害により{sys}が停止"},
		summaryEN: "An internal dependency of {sys} started returning errors, and retries without backoff amplified the load. " +
			"The dependency recovered after its owners restarted it.",
		summaryJA:  "{sys}が依存する内部サービスがエラーを返し始め、バックオフなしのリトライが負荷を増幅した。依存先チームの再起動により回復した。",
		factorEN:   "Client retries had no backoff or budget, and the circuit breaker was disabled during an earlier migration. Each request waited for the full timeout before failing.",
		factorJA:   "クライアントのリトライにはバックオフも上限もなく、サーキットブレーカーは以前の移行作業で無効化されたままだった。各リクエストはタイムアウトまで待ってから失敗していた。",
		mitigateEN: "Disabled retries and restarted the dependency.",
		mitigateJA: "リトライを無効化し、依存サービスを再起動した。",
		actions: []actionTemplate{
			{"prevent", "Add exponential backoff and a retry budget to the client", "クライアントに指数バックオフとリトライ上限を入れる"},
			{"mitigate", "Re-enable the circuit breaker for the dependency", "依存サービスへのサーキットブレーカーを再有効化する"},
			{"detect", "Add a dashboard panel for dependency error rate", "依存先のエラー率をダッシュボードに追加する"},
		},
	},
	{ // bad-deploy
		trigger: "deploy",
		titleEN: []string{"Bad deploy of {sys} caused elevated error rates", "{sys} release crashed on startup"},
		titleJA: []string{"{sys}のデプロイ不備でエラー率が上昇", "{sys}の新バージョンが起動直後にクラッシュ"},
		summaryEN: "A release of {sys} contained a change that crashed on a code path not covered by tests. " +
			"The pipeline promoted it to all hosts before the canary reported errors, and a rollback restored service.",
		summaryJA:  "{sys}のリリースに、テストで網羅されていないコードパスでクラッシュする変更が含まれていた。カナリアがエラーを報告する前に全台へ展開され、ロールバックで復旧した。",
		factorEN:   "The canary stage ran for only two minutes, which was shorter than the time the crash needed to appear. The rollback took longer than needed because the previous build had been garbage collected.",
		factorJA:   "カナリア期間は2分しかなく、クラッシュが表面化するまでの時間より短かった。以前のビルドが削除されていたため、ロールバックに時間がかかった。",
		mitigateEN: "Rolled back to the previous release.",
		mitigateJA: "前のリリースにロールバックした。",
		actions: []actionTemplate{
			{"prevent", "Extend the canary stage to fifteen minutes", "カナリア期間を15分に延ばす"},
			{"mitigate", "Keep the last five builds available for rollback", "ロールバック用に直近5ビルドを保持する"},
			{"prevent", "Add an integration test for the crashing code path", "クラッシュしたコードパスの結合テストを追加する"},
		},
	},
	{ // missing-alert
		trigger: "silent-failure",
		titleEN: []string{"Silent failure in {sys} went unnoticed for hours", "{sys} stopped processing jobs without alerting"},
		titleJA: []string{"{sys}の障害が数時間検知されなかった", "{sys}のジョブ停止がアラートされなかった"},
		summaryEN: "{sys} stopped processing work, but no alert fired because the monitor only watched host health. " +
			"The problem was found hours later.",
		summaryJA:  "{sys}の処理が止まっていたが、監視がホストの死活しか見ていなかったためアラートが出なかった。数時間後に発覚した。",
		factorEN:   "Monitoring covered process liveness but not throughput, so a stuck worker looked healthy. The alerting rule for queue depth had been deleted during a cleanup.",
		factorJA:   "監視はプロセスの生存しか見ておらず、スループットを見ていなかったため、停止したワーカーが正常に見えた。キュー長のアラートルールは整理作業中に削除されていた。",
		mitigateEN: "Restarted the stuck workers.",
		mitigateJA: "停止していたワーカーを再起動した。",
		actions: []actionTemplate{
			{"detect", "Alert on queue depth and processing throughput", "キュー長と処理件数をアラート対象にする"},
			{"process", "Review alert rules before deleting them", "アラートルール削除前にレビューを行う"},
			{"detect", "Add a synthetic check for the end-to-end job path", "ジョブ処理全体の外形監視を追加する"},
		},
	},
	{ // software-bug
		trigger: "code-change",
		titleEN: []string{"Race condition in {sys} corrupted cached responses", "{sys} served stale data because of a cache bug"},
		titleJA: []string{"{sys}の競合状態によりキャッシュが破損", "キャッシュの不具合で{sys}が古いデータを返した"},
		summaryEN: "A race condition in the cache layer of {sys} mixed up responses between users under high concurrency. " +
			"The feature flag for the new cache was turned off.",
		summaryJA:  "{sys}のキャッシュ層の競合状態により、高負荷時にユーザー間でレスポンスが入れ替わった。新しいキャッシュの機能フラグを無効にした。",
		factorEN:   "The cache key did not include the tenant identifier, and the load test used a single tenant, so the bug never showed up before release.",
		factorJA:   "キャッシュキーにテナント識別子が含まれておらず、負荷試験も単一テナントで行っていたため、リリース前に不具合が見つからなかった。",
		mitigateEN: "Turned off the feature flag for the new cache.",
		mitigateJA: "新キャッシュの機能フラグを無効にした。",
		actions: []actionTemplate{
			{"prevent", "Include the tenant identifier in every cache key", "すべてのキャッシュキーにテナント識別子を含める"},
			{"prevent", "Run load tests with many tenants", "複数テナントで負荷試験を行う"},
			{"process", "Add a review checklist item for shared caches", "共有キャッシュのレビュー項目をチェックリストに追加する"},
		},
	},
	{ // network-partition
		trigger: "network-maintenance",
		titleEN: []string{"Network partition isolated {sys} from its primary region", "Packet loss between zones disrupted {sys}"},
		titleJA: []string{"ネットワーク分断により{sys}がプライマリリージョンから孤立", "ゾーン間のパケットロスで{sys}が不安定に"},
		summaryEN: "Planned maintenance on a core switch caused packet loss between two zones. " +
			"{sys} could not reach its quorum and stopped accepting writes.",
		summaryJA:  "コアスイッチの計画メンテナンスによりゾーン間でパケットロスが発生した。{sys}はクォーラムに到達できず、書き込みを受け付けなくなった。",
		factorEN:   "The maintenance window was announced, but {sys} was not listed as affected because its zone layout had changed. A firewall rule blocked the fallback path.",
		factorJA:   "メンテナンスは告知されていたが、ゾーン構成の変更により{sys}は影響範囲に含まれていなかった。ファイアウォールのルールが迂回経路を塞いでいた。",
		mitigateEN: "Moved traffic away from the affected zone.",
		mitigateJA: "影響を受けたゾーンからトラフィックを退避した。",
		actions: []actionTemplate{
			{"prevent", "Keep the zone inventory in sync with maintenance planning", "ゾーン構成の台帳をメンテナンス計画と同期させる"},
			{"mitigate", "Open the fallback path in the firewall policy", "ファイアウォールで迂回経路を許可する"},
			{"detect", "Alert on packet loss between zones", "ゾーン間のパケットロスをアラート対象にする"},
		},
	},
	{ // dns
		trigger: "dns-change",
		titleEN: []string{"DNS record change made {sys} unreachable", "{sys} failed to resolve internal hostnames"},
		titleJA: []string{"DNSレコードの変更で{sys}に到達できなくなった", "{sys}で内部ホスト名の名前解決に失敗"},
		summaryEN: "A DNS record for {sys} was replaced with a wrong target during a migration. " +
			"Clients cached the bad answer for the full TTL.",
		summaryJA:  "移行作業中に{sys}のDNSレコードが誤った宛先に書き換えられた。クライアントは誤った応答をTTLの間キャッシュし続けた。",
		factorEN:   "The record was edited by hand in the provider console instead of through code review. A TTL of one hour stretched the outage after the fix.",
		factorJA:   "レコードはコードレビューを経ずにプロバイダーの管理画面で手作業で編集された。TTLが1時間だったため、修正後も影響が長引いた。",
		mitigateEN: "Restored the previous DNS record.",
		mitigateJA: "以前のDNSレコードに戻した。",
		actions: []actionTemplate{
			{"prevent", "Manage DNS records as code with review", "DNSレコードをコードで管理しレビューする"},
			{"mitigate", "Lower the TTL of critical records before migrations", "移行前に重要レコードのTTLを下げる"},
			{"detect", "Add a synthetic check that resolves each public hostname", "公開ホスト名の名前解決を外形監視する"},
		},
	},
	{ // disk-full
		trigger: "log-growth",
		titleEN: []string{"Disk filled up on {sys} hosts", "{sys} stopped writing after running out of disk space"},
		titleJA: []string{"{sys}のディスク容量が枯渇した", "ディスク容量不足で{sys}が書き込み不能に"},
		summaryEN: "Verbose debug logging left enabled on {sys} filled the data volume. " +
			"Writes failed until old logs were removed.",
		summaryJA:  "{sys}でデバッグログが有効のまま残り、データ領域を使い切った。古いログを削除するまで書き込みに失敗した。",
		factorEN:   "Log rotation was configured by size on the old hosts but not on the new image. The disk usage alert threshold was set at 98 percent, which left no time to react.",
		factorJA:   "旧ホストではサイズによるログローテーションが設定されていたが、新しいイメージでは設定されていなかった。ディスク容量のアラート閾値が98%で、対応する時間がなかった。",
		mitigateEN: "Deleted old logs and disabled debug logging.",
		mitigateJA: "古いログを削除し、デバッグログを無効にした。",
		actions: []actionTemplate{
			{"prevent", "Add log rotation to the base image", "ベースイメージにログローテーションを追加する"},
			{"detect", "Alert at 80 percent disk usage with a growth forecast", "ディスク容量80%と増加予測でアラートを出す"},
			{"process", "Expire debug logging flags automatically", "デバッグログのフラグを自動で失効させる"},
		},
	},
	{ // memory-leak
		trigger: "gradual-degradation",
		titleEN: []string{"Memory leak in {sys} caused repeated restarts", "{sys} pods were killed for exceeding memory limits"},
		titleJA: []string{"{sys}のメモリリークで再起動が繰り返された", "{sys}のポッドがメモリ上限超過で強制終了"},
		summaryEN: "A new version of {sys} leaked memory on every request with a large payload. " +
			"Pods were killed and restarted every few minutes, dropping in-flight requests.",
		summaryJA:  "{sys}の新バージョンは大きなペイロードを持つリクエストごとにメモリをリークしていた。ポッドが数分おきに強制終了され、処理中のリクエストが失われた。",
		factorEN:   "Heap profiles were not collected in staging, and the restarts were hidden by the orchestrator until the error budget was spent.",
		factorJA:   "ステージング環境でヒーププロファイルを取っておらず、エラーバジェットを使い切るまで再起動はオーケストレーターに隠れていた。",
		mitigateEN: "Rolled back and raised memory limits temporarily.",
		mitigateJA: "ロールバックし、一時的にメモリ上限を引き上げた。",
		actions: []actionTemplate{
			{"detect", "Alert on container restarts per hour", "1時間あたりのコンテナ再起動数をアラート対象にする"},
			{"prevent", "Collect heap profiles in staging load tests", "ステージングの負荷試験でヒーププロファイルを取得する"},
			{"prevent", "Fix the buffer leak in the payload parser", "ペイロード解析のバッファリークを修正する"},
		},
	},
	{ // database-failover
		trigger: "failover",
		titleEN: []string{"Database failover left {sys} writing to a read-only replica", "{sys} lost database connections during failover"},
		titleJA: []string{"データベースのフェイルオーバーで{sys}が読み取り専用レプリカに書き込もうとした", "フェイルオーバー中に{sys}のデータベース接続が切断"},
		summaryEN: "The primary database of {sys} failed over to a replica, but the connection pool kept connections to the old primary. " +
			"Writes failed until the pool was recycled.",
		summaryJA:  "{sys}のプライマリデータベースがレプリカにフェイルオーバーしたが、コネクションプールが旧プライマリへの接続を保持し続けた。プールを作り直すまで書き込みに失敗した。",
		factorEN:   "The connection pool cached DNS answers forever and did not validate connections before use. Failover drills had only been run against the staging replica.",
		factorJA:   "コネクションプールがDNSの応答を無期限にキャッシュし、使用前に接続を検証していなかった。フェイルオーバー訓練はステージングのレプリカでしか行っていなかった。",
		mitigateEN: "Recycled the connection pool.",
		mitigateJA: "コネクションプールを再作成した。",
		actions: []actionTemplate{
			{"prevent", "Validate pooled connections before use", "プール内の接続を使用前に検証する"},
			{"process", "Run a failover drill in production every quarter", "本番でのフェイルオーバー訓練を四半期ごとに行う"},
			{"detect", "Alert on write errors after a failover", "フェイルオーバー後の書き込みエラーをアラート対象にする"},
		},
	},
	{ // rate-limit
		trigger: "batch-job",
		titleEN: []string{"{sys} hit a provider rate limit", "Requests from {sys} were throttled by an exhausted quota"},
		titleJA: []string{"{sys}が外部プロバイダーのレート制限に到達", "クォータ枯渇により{sys}のリクエストが制限された"},
		summaryEN: "A batch job shared the API quota of {sys} and consumed it in the first hour of the day. " +
			"Customer requests were throttled until the quota reset.",
		summaryJA:  "バッチ処理が{sys}とAPIクォータを共有しており、1日の最初の1時間で使い切った。クォータがリセットされるまで顧客のリクエストが制限された。",
		factorEN:   "The batch job and the customer path used the same credentials, so there was no way to protect interactive traffic.",
		factorJA:   "バッチ処理と顧客向けの経路が同じ認証情報を使っており、対話的なトラフィックを守る手段がなかった。",
		mitigateEN: "Paused the batch job.",
		mitigateJA: "バッチ処理を一時停止した。",
		actions: []actionTemplate{
			{"prevent", "Give batch jobs their own credentials and quota", "バッチ処理に専用の認証情報とクォータを割り当てる"},
			{"detect", "Alert when quota usage passes 70 percent", "クォータ使用率が70%を超えたらアラートを出す"},
			{"process", "Ask the provider for a higher limit", "プロバイダーに上限の引き上げを依頼する"},
		},
	},
	{ // human-error
		trigger: "manual-operation",
		titleEN: []string{"Manual command deleted production data in {sys}", "Operator mistake during maintenance took {sys} offline"},
		titleJA: []string{"手作業のコマンドで{sys}の本番データを削除", "メンテナンス中の作業ミスで{sys}が停止"},
		summaryEN: "During maintenance an operator ran a cleanup command against production instead of staging. " +
			"{sys} lost recent data and was restored from backup.",
		summaryJA:  "メンテナンス中に作業者がステージングではなく本番環境に対して削除コマンドを実行した。{sys}の直近のデータが失われ、バックアップから復元した。",
		factorEN:   "Both environments used the same shell prompt, and the runbook asked for a command to be typed rather than run from a reviewed script.",
		factorJA:   "両環境のシェルのプロンプトが同じで、手順書はレビュー済みスクリプトではなく手入力のコマンドを指示していた。",
		mitigateEN: "Restored data from the latest backup.",
		mitigateJA: "最新のバックアップからデータを復元した。",
		actions: []actionTemplate{
			{"prevent", "Replace manual cleanup steps with a reviewed script", "手作業の削除手順をレビュー済みスクリプトに置き換える"},
			{"prevent", "Show the environment name in the shell prompt", "シェルのプロンプトに環境名を表示する"},
			{"process", "Practice backup restores every month", "バックアップからの復元を毎月練習する"},
		},
	},
	{ // third-party-outage
		trigger: "vendor-incident",
		titleEN: []string{"Payment provider outage affected {sys}", "{sys} degraded during a vendor incident"},
		titleJA: []string{"外部決済サービスの障害が{sys}に影響", "ベンダー障害により{sys}が縮退"},
		summaryEN: "A third-party provider used by {sys} had a regional incident. " +
			"Requests waited on the provider until they hit the timeout, exhausting worker threads.",
		summaryJA:  "{sys}が利用する外部サービスでリージョン障害が起きた。リクエストがタイムアウトまで外部サービスを待ち続け、ワーカースレッドが枯渇した。",
		factorEN:   "The client timeout was set to sixty seconds and there was no fallback provider. The vendor status page was updated only after forty minutes.",
		factorJA:   "クライアントのタイムアウトが60秒に設定されており、代替の外部サービスもなかった。ベンダーのステータスページは40分後まで更新されなかった。",
		mitigateEN: "Switched to degraded mode and queued requests for retry.",
		mitigateJA: "縮退モードに切り替え、リクエストを再試行キューに入れた。",
		actions: []actionTemplate{
			{"mitigate", "Lower the client timeout for the provider to five seconds", "外部サービスへのクライアントタイムアウトを5秒に下げる"},
			{"prevent", "Add a fallback provider", "代替の外部サービスを用意する"},
			{"detect", "Subscribe the on-call channel to the vendor status feed", "ベンダーのステータス配信をオンコールチャンネルで購読する"},
		},
	},
}

// genericActions are follow-ups that fit any incident.
var genericActions = []actionTemplate{
	{"process", "Update the runbook for {sys}", "{sys}の手順書を更新する"},
	{"detect", "Add an alert for error rate on {sys}", "{sys}のエラー率にアラートを追加する"},
	{"process", "Hold a review of the incident response", "障害対応の振り返りを実施する"},
	{"mitigate", "Write a recovery script for {sys}", "{sys}の復旧スクリプトを作成する"},
	{"prevent", "Add load shedding to {sys}", "{sys}に負荷制限を導入する"},
}

// systems is the systems catalog: 40 slugs owned by 10 teams.
var systems = []system{
	{"checkout-api", "Checkout API", "payments"},
	{"payment-gateway", "Payment Gateway", "payments"},
	{"billing-worker", "Billing Worker", "payments"},
	{"invoice-service", "Invoice Service", "payments"},
	{"auth-service", "Auth Service", "identity"},
	{"sso-portal", "SSO Portal", "identity"},
	{"session-store", "Session Store", "identity"},
	{"user-profile", "User Profile Service", "identity"},
	{"api-gateway", "API Gateway", "platform"},
	{"service-mesh", "Service Mesh", "platform"},
	{"k8s-cluster", "Kubernetes Cluster", "platform"},
	{"config-service", "Config Service", "platform"},
	{"search-api", "Search API", "search"},
	{"indexer", "Indexer", "search"},
	{"ranking-service", "Ranking Service", "search"},
	{"autocomplete", "Autocomplete", "search"},
	{"event-pipeline", "Event Pipeline", "data"},
	{"data-warehouse", "Data Warehouse", "data"},
	{"etl-scheduler", "ETL Scheduler", "data"},
	{"stream-processor", "Stream Processor", "data"},
	{"orders-db", "Orders DB", "storage"},
	{"blob-store", "Blob Store", "storage"},
	{"cache-cluster", "Cache Cluster", "storage"},
	{"backup-service", "Backup Service", "storage"},
	{"mobile-api", "Mobile API", "mobile"},
	{"push-notifier", "Push Notifier", "mobile"},
	{"ios-app", "iOS App", "mobile"},
	{"android-app", "Android App", "mobile"},
	{"recommendations", "Recommendations", "growth"},
	{"email-sender", "Email Sender", "growth"},
	{"experiment-platform", "Experiment Platform", "growth"},
	{"campaign-manager", "Campaign Manager", "growth"},
	{"cdn-edge", "CDN Edge", "network"},
	{"dns-resolver", "DNS Resolver", "network"},
	{"load-balancer", "Load Balancer", "network"},
	{"vpn-gateway", "VPN Gateway", "network"},
	{"metrics-store", "Metrics Store", "observability"},
	{"log-pipeline", "Log Pipeline", "observability"},
	{"alertmanager", "Alertmanager", "observability"},
	{"tracing-collector", "Tracing Collector", "observability"},
}

// people are the 60 handles used for owners, commanders and authors.
var people = []string{
	"aiko", "ben", "chen", "dana", "emeka", "fatima", "gabriel", "hana", "ivan", "jun",
	"kenji", "lena", "mateo", "nadia", "oscar", "priya", "quinn", "rahul", "sofia", "takeshi",
	"uma", "victor", "wen", "xavier", "yuki", "zara", "akira", "bruno", "carmen", "daichi",
	"elena", "felix", "grace", "haruto", "ines", "jonas", "kaito", "leila", "marco", "nina",
	"omar", "paula", "ren", "sakura", "tomas", "ulla", "vera", "wilma", "yara", "zoe",
	"amir", "beatriz", "chloe", "diego", "erik", "freya", "goro", "hiro", "ingrid", "kofi",
}

// tags are free tags.
var tags = []string{"tls", "kubernetes", "postgres", "networking", "cdn", "batch", "auth", "mobile", "oncall", "vendor"}

// Severities, detections and action-item values with their weights (per
// thousand).
var (
	severities  = []weighted{{"SEV1", 50}, {"SEV2", 200}, {"SEV3", 450}, {"SEV4", 300}}
	detections  = []weighted{{"alert", 500}, {"customer-report", 200}, {"internal-report", 150}, {"synthetic-check", 150}}
	priorities  = []string{"P1", "P2", "P3"}
	impactsEN   = []string{"About {pct}% of requests to {sys} failed for {min} minutes.", "Customers saw elevated latency on {sys} for {min} minutes.", "Around {count} customers could not complete their tasks for {min} minutes.", "Background processing in {sys} was delayed by {min} minutes; no data was lost."}
	impactsJA   = []string{"{min}分間、{sys}へのリクエストの約{pct}%が失敗した。", "{min}分間、{sys}の応答が遅延した。", "約{count}人の顧客が{min}分間操作を完了できなかった。", "{sys}のバックグラウンド処理が{min}分遅延したが、データの損失はなかった。"}
	wentWellEN  = []string{"The on-call engineer had the right access and escalated quickly.", "The incident channel was opened within minutes and roles were clear.", "The runbook for {sys} was accurate and easy to follow.", "Dashboards showed the failing component immediately.", "Customer support posted a status update early."}
	wentWellJA  = []string{"オンコール担当者が必要な権限を持っており、素早くエスカレーションできた。", "数分以内に障害対応チャンネルが開設され、役割分担が明確だった。", "{sys}の手順書が正確で分かりやすかった。", "ダッシュボードで障害箇所がすぐに分かった。", "サポートが早い段階で状況を告知した。"}
	wentWrongEN = []string{"It took too long to find the owner of the failing component.", "The status page was updated late.", "Two engineers applied conflicting fixes at the same time.", "The alert went to a channel nobody was watching.", "Logs from the affected hosts were sampled too aggressively to help."}
	wentWrongJA = []string{"障害箇所の担当者を見つけるのに時間がかかった。", "ステータスページの更新が遅れた。", "2人のエンジニアが同時に矛盾する修正を適用した。", "アラートが誰も見ていないチャンネルに送られていた。", "影響を受けたホストのログが間引かれており、調査に使えなかった。"}
)

// detectedEN and detectedJA describe the detection moment, by detection
// value (same order as detections).
var (
	detectedEN = []string{"An alert fired and paged the on-call engineer.", "Support escalated customer reports of errors.", "An engineer reported errors in the internal chat.", "The synthetic check for {sys} started failing."}
	detectedJA = []string{"アラートが発報し、オンコール担当者が呼び出された。", "顧客からの問い合わせがサポート経由でエスカレーションされた。", "社内チャットでエラーの報告があった。", "{sys}の外形監視が失敗し始めた。"}
)

// zones are the UTC offsets (seconds) English postmortems are written in;
// Japanese ones use +09:00.
var zones = []int{0, -5 * 3600, 1 * 3600, -8 * 3600}

// CommonWords are real words whose occurrences Truth.Words records besides
// the probe words. Each appears in the vocabulary only in exactly this
// form (no plurals or other inflections), and, for the Japanese ones, no
// other phrase contains all of its CJK bigrams.
func CommonWords() []string {
	return []string{"firewall", "latency", "quota", "replica", "rollback", "timeout",
		"タイムアウト", "ディスク容量", "データベース", "証明書"}
}

// englishProbes are nonsense words made of ASCII lower-case letters that a
// Porter stemmer leaves unchanged (no trailing s, e, y, ed, ing, al, er, …)
// and that are no English stop words, so a search for one matches exactly
// the postmortems that contain it.
var englishProbes = []string{
	"zorblax", "quibnox", "vexlorp", "flimdrak", "grunvak", "ploxtib", "snarfid", "trovbik", "kwelmop", "brimzak",
	"druxhob", "jornvix", "mibblat", "narfzup", "yoblix", "zintrok", "quaxlim", "vorpdag", "blixnor", "frondux",
	"glimvok", "hurtzab", "jabbrik", "klovnax", "lurmbik", "mozzlet", "nubwix", "ozzmak", "pribdok", "qwazzum",
	"rumblex", "skivnor", "tozzlib", "umbrik", "vlarnox", "wibzok", "xandrop", "yuzzkin", "zublak", "borgwix",
	"cranzib", "dazzmok", "elbrix", "fizznak", "gorbluk", "hixpod", "izzbrak", "jovlux", "kazzpim", "lobvik",
	"mixtrob", "noxbud", "orblik", "pazzwok", "quorvix", "ribnax", "slovbik", "tribzak", "uxmord", "vozzlap",
	"wrenbix", "xyblok", "yarbik", "zemblox", "blorptik", "cruxnib", "dravlok", "fenzwik", "grobnax", "hezzlim",
	"jinkvob", "krumpax", "lunxbob", "mervlik", "nazzbot", "quilbax", "rozzbik", "snibwok", "tazzlop", "ulbrox",
	"vimbrak", "whizzpok", "xorblin", "yizzbak", "zunkrop", "bralnix", "clovzib", "dronzak", "flubnik", "gribzox",
	"hobblax", "jexlim", "kribdon", "lazzmop", "mobrix", "nizzvak", "pozzlib", "quexbob", "rinzdak", "strobnix",
	"trenwox", "uzzlib", "vrobnak", "wozzlix", "xembrik", "yobnak", "zorvik", "plazzuk", "gwendrox", "fribzit",
}

// japaneseProbes are three-kanji words built from characters that appear
// nowhere else in the vocabulary, each character in one probe only, so that
// every CJK bigram of a probe occurs only inside that probe.
var japaneseProbes = []string{
	"鵺鷺鴇", "鵙鶫鵯", "鶲鷽鸛", "貘麒麟", "獏狢鼯", "蜩蟋蟀", "鰆鰈鰊", "鱚鯱鰻", "鱈鯖鮪", "鰹鯛鮎",
	"鯉鰯鱧", "鮫鯨蝦", "蟹蛸梟", "鳶隼鷹", "鷲鶴鴨", "雁燕雀", "鳩鴉狸", "狐猪貂", "鼬獺熊", "栗柿梨",
	"桃杏柚", "榎欅楓", "椿樫楠", "檜萩菫", "蓮葵蕨", "薊芹蕗", "茗蛍蛙", "蜻蛉蝉", "蟻蜘蛛", "鶯鴎雉",
}
