//! The sentences of `DEPLOY.md`, one implementation per language. The walk
//! in `markdown` writes every language's section from these; a sentence
//! added to the guide is added here for each language, or it does not
//! compile.

use std::fmt::{Display, Write as _};

use vpcplan_core::Diagnostic;

/// One language of `DEPLOY.md`. Arguments are already escaped for
/// Markdown (names, Regions) or made shell tokens (stacks, templates).
pub(super) trait Language {
    /// Whether this section is the full one, with the commands, the
    /// parameters' descriptions and the notes (which exist in English only);
    /// the other sections refer back to it.
    fn full(&self) -> bool;
    fn intro(&self, out: &mut String, design: &str, templates: usize);
    fn errors_heading(&self) -> &'static str;
    fn message<'d>(&self, error: &'d Diagnostic) -> &'d str;
    fn before_heading(&self) -> &'static str;
    fn profiles(&self) -> &'static str;
    fn profile_for(&self, variable: impl Display, account: &str) -> String;
    /// Between the profiles when they are listed in a sentence.
    fn list_separator(&self) -> &'static str;
    fn list_end(&self) -> &'static str;
    fn large_templates(&self, limit: usize) -> String;
    fn user_input(&self) -> &'static str;
    fn deferred(&self) -> &'static str;
    fn steps_heading(&self) -> &'static str;
    fn create(
        &self,
        out: &mut String,
        stack: impl Display,
        template: impl Display,
        account: &str,
        region: &str,
    );
    fn creates_peer_role(&self) -> &'static str;
    fn update(
        &self,
        out: &mut String,
        stack: impl Display,
        template: impl Display,
        account: &str,
        region: &str,
    );
    fn after_peering(&self) -> &'static str;
    fn no_parameters(&self) -> &'static str;
    fn parameters_from(&self, out: &mut String, stack: impl Display);
    fn parameters_you_know(&self) -> &'static str;
    /// The word before an output's name: "`Param` ← output `Name`".
    fn output(&self) -> &'static str;
    fn default(&self, out: &mut String, value: impl Display);
    fn tasks_heading(&self) -> &'static str;
    fn accept_endpoint(&self, out: &mut String, service: &str, account: &str, region: &str);
    fn peering_dns(&self, out: &mut String, requester: &str, accepter: &str);
    fn register_targets(&self, out: &mut String, service: &str, balancer: &str, port: u16);
    fn notes_heading(&self) -> &'static str;
    /// How the stacks build what the design leaves to AWS defaults: the
    /// heading, then one paragraph per fact that applies.
    fn defaults_heading(&self) -> &'static str;
    fn main_route_tables(&self) -> &'static str;
    fn default_security_group(&self) -> &'static str;
    /// What holds in the partitions other than `aws` (China, GovCloud).
    fn partitions(&self) -> &'static str;
    fn delete_heading(&self) -> &'static str;
    /// An update step undone: its parameters set back to empty.
    fn undo_update(&self, out: &mut String, stack: impl Display, account: &str, region: &str);
    fn delete_stack(&self, out: &mut String, stack: impl Display, account: &str, region: &str);
    /// Why endpoint services go last, and what blocks their deletion.
    fn delete_endpoint_services(&self) -> &'static str;

    /// The last step: `verify.sh` checks the deployed network with
    /// Reachability Analyzer (`analyses` of them, billed by AWS).
    fn verify(&self, out: &mut String, analyses: usize, pricing: &str);
}

pub(super) struct English;

impl Language for English {
    fn full(&self) -> bool {
        true
    }

    fn intro(&self, out: &mut String, design: &str, templates: usize) {
        let _ = write!(
            out,
            "# Deploying \u{201c}{design}\u{201d} with CloudFormation\n\nvpcplan generated {templates} template(s) for this design. Each network stack holds the VPCs of one account in one Region; values cross stacks as the outputs of one stack passed as the parameters of another. Deploy them in the order below, from the directory that holds `cloudformation/`. A Japanese version follows the English one.\n\n"
        );
    }

    fn errors_heading(&self) -> &'static str {
        "## Exported with errors\n\nThe design has errors, and it was exported only because that was asked for explicitly. Expect some stacks to fail until they are fixed:\n\n"
    }

    fn message<'d>(&self, error: &'d Diagnostic) -> &'d str {
        &error.message.en
    }

    fn before_heading(&self) -> &'static str {
        "## Before you start\n\n"
    }

    fn profiles(&self) -> &'static str {
        "The AWS CLI, with a profile for each account. The commands read the profile names from these shell variables; set them first:"
    }

    fn profile_for(&self, variable: impl Display, account: &str) -> String {
        format!("`{variable}` is for account {account}.")
    }

    fn list_separator(&self) -> &'static str {
        ", "
    }

    fn list_end(&self) -> &'static str {
        "."
    }

    fn large_templates(&self, limit: usize) -> String {
        format!(
            "Templates larger than {limit} bytes go through an S3 bucket in their stack's Region: set `TEMPLATE_BUCKET` to such a bucket before those steps."
        )
    }

    fn user_input(&self) -> &'static str {
        "Some parameters are values only you know (listed as *your input*); set a shell variable of the parameter's name to the value before that step."
    }

    fn deferred(&self) -> &'static str {
        "Some parameters cannot have a value when their stack is created: the id of a peering requested by a stack created later, or a value from a stack that comes later. They are left empty at creation, the resources that need them are skipped, and a later *update* step passes them and creates those resources. The accepter side's peering routes always come this way, once the peering is active."
    }

    fn steps_heading(&self) -> &'static str {
        "## Steps\n\n"
    }

    fn create(
        &self,
        out: &mut String,
        stack: impl Display,
        template: impl Display,
        account: &str,
        region: &str,
    ) {
        let _ = write!(
            out,
            "**Create** the stack `{stack}` from `{template}` in account {account}, Region {region}."
        );
    }

    fn creates_peer_role(&self) -> &'static str {
        " It also creates, for each of its VPCs that accepts peerings from other accounts, the IAM role the requester stacks assume to accept their requests, allowed to accept only into that VPC (hence `CAPABILITY_NAMED_IAM`: the requester stacks find the role by its name)."
    }

    fn update(
        &self,
        out: &mut String,
        stack: impl Display,
        template: impl Display,
        account: &str,
        region: &str,
    ) {
        let _ = write!(
            out,
            "**Update** the stack `{stack}` (same template, `{template}`) in account {account}, Region {region}, passing the values left empty at creation."
        );
    }

    fn after_peering(&self) -> &'static str {
        " Run this once the peering connections are active, that is, once the stacks that request them are complete."
    }

    fn no_parameters(&self) -> &'static str {
        "No parameters."
    }

    fn parameters_from(&self, out: &mut String, stack: impl Display) {
        let _ = write!(out, "Parameters from the outputs of the stack `{stack}`:");
    }

    fn parameters_you_know(&self) -> &'static str {
        "Parameters only you know:"
    }

    fn output(&self) -> &'static str {
        "output"
    }

    fn default(&self, out: &mut String, value: impl Display) {
        let _ = write!(out, " Defaults to `{value}`.");
    }

    fn tasks_heading(&self) -> &'static str {
        "## After the stacks\n\n"
    }

    fn accept_endpoint(&self, out: &mut String, service: &str, account: &str, region: &str) {
        let _ = write!(
            out,
            "The endpoint service \u{201c}{service}\u{201d} requires acceptance: its consumer's endpoint stays `pendingAcceptance` until the provider, account {account}, accepts it in Region {region}:"
        );
    }

    fn peering_dns(&self, out: &mut String, requester: &str, accepter: &str) {
        let _ = write!(
            out,
            "DNS resolution over the peering from \u{201c}{requester}\u{201d} to \u{201c}{accepter}\u{201d}: CloudFormation cannot set it, so each side turns it on once the peering is active:"
        );
    }

    fn register_targets(&self, out: &mut String, service: &str, balancer: &str, port: u16) {
        let _ = write!(
            out,
            "The endpoint service \u{201c}{service}\u{201d} forwards through the new internal Network Load Balancer \u{201c}{balancer}\u{201d} to a target group that has no targets yet: register the instances that serve TCP port {port} (set `INSTANCE_ID`, one `Id=` per instance):"
        );
    }

    fn notes_heading(&self) -> &'static str {
        "## Not exported\n\nThe templates leave these parts of the design out (each template's Metadata lists them too):"
    }

    fn defaults_heading(&self) -> &'static str {
        "## How the network is built\n\n"
    }

    fn main_route_tables(&self) -> &'static str {
        "CloudFormation cannot change which route table is a VPC's main table. Each main route table of the design is therefore created as an ordinary route table, explicitly associated with every designed subnet no other table claims, and it gets the routes and gateway endpoints the design gives the main table. The VPC's own main table keeps only its local routes. A subnet you add later outside the design uses that table until you associate it with one of the design's tables. The CLI script builds the same."
    }

    fn default_security_group(&self) -> &'static str {
        "Endpoints designed without a security group are created without one, so AWS attaches the VPC's default security group, which by default admits only traffic from members of that group. Give the endpoint a security group in the design to choose who may connect. The CLI script builds the same."
    }

    fn partitions(&self) -> &'static str {
        "Any partition: the templates write every ARN they build with `AWS::Partition` (`aws`, `aws-cn` in the China Regions, `aws-us-gov` in GovCloud). What comes from the design is written as designed: ARNs of principals and load balancers, and AWS service names, which vpcplan writes as `com.amazonaws.<region>.<service>`. That holds in the `aws` and `aws-us-gov` partitions; in the China Regions many services are named `cn.com.amazonaws.<region>.<service>` instead, service by service (check with `aws ec2 describe-vpc-endpoint-services` and set the name on the endpoint in the design), and ARNs start `arn:aws-cn:` (https://docs.amazonaws.cn/en_us/general/latest/gr/endpoints-arns.html)."
    }

    fn delete_heading(&self) -> &'static str {
        "## Deleting the stacks\n\nUndo the steps in reverse order: first the updates, each by setting the values it passed back to empty (which removes what depends on a later stack: the accepter's peering routes and security group rules, endpoints of services created later), then delete each stack, the last created first. Requester stacks so go before their accepters (deleting a peering takes its requester stack, not the accepter's role), and consumers of an endpoint service before its provider.\n\n"
    }

    fn undo_update(&self, out: &mut String, stack: impl Display, account: &str, region: &str) {
        let _ = write!(
            out,
            "**Update** the stack `{stack}` in account {account}, Region {region}, with the values of its update step set back to empty."
        );
    }

    fn delete_stack(&self, out: &mut String, stack: impl Display, account: &str, region: &str) {
        let _ = write!(
            out,
            "**Delete** the stack `{stack}` in account {account}, Region {region}, and wait until it is gone."
        );
    }

    fn delete_endpoint_services(&self) -> &'static str {
        "An endpoint service cannot be deleted while endpoints are connected to it: \u{201c}you must reject any Available or PendingAcceptance interface endpoint connections that are attached to the service\u{201d} (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcEndpointServiceConfigurations.html). The order above deletes the consumers these stacks create first; reject the connections of any other consumer with `aws ec2 reject-vpc-endpoint-connections` before deleting the provider's stack.\n\n"
    }

    fn verify(&self, out: &mut String, analyses: usize, pricing: &str) {
        let _ = write!(
            out,
            "## Last: verify the network\n\nOnce every stack is complete, `cloudformation/verify.sh` asks VPC Reachability Analyzer, for each intent of the design, whether AWS finds the path, and prints it beside what vpcplan expects; it exits with 1 when they disagree. It will run {analyses} analysis(es), which AWS charges for ({pricing}); it says so and asks first unless given `--yes`. It creates temporary network interfaces and security groups at the ends of the paths, tagged `vpcplan:verify`, and deletes them, the paths and the analyses when it ends.\n\n```sh\nbash cloudformation/verify.sh\n```\n\n"
        );
    }
}

pub(super) struct Japanese;

impl Language for Japanese {
    fn full(&self) -> bool {
        false
    }

    fn intro(&self, out: &mut String, design: &str, _templates: usize) {
        let _ = write!(
            out,
            "## 日本語\n\nデザイン\u{300c}{design}\u{300d}から vpcplan が生成した CloudFormation テンプレートのデプロイ手順です。ネットワークのスタックはアカウントとリージョンの組ごとに 1 つ（大きい場合は分割）で、スタック間の値は、あるスタックの出力を別のスタックのパラメータとして渡します。`cloudformation/` を含むディレクトリで、次の順に実行してください。コマンドは上の英語の各手順にあります。\n\n"
        );
    }

    fn errors_heading(&self) -> &'static str {
        "### エラーのあるままのエクスポート\n\nこのデザインにはエラーがあり、明示的な指定によってエクスポートされました。修正するまで一部のスタックは失敗する見込みです。\n\n"
    }

    fn message<'d>(&self, error: &'d Diagnostic) -> &'d str {
        &error.message.ja
    }

    fn before_heading(&self) -> &'static str {
        "### 事前準備\n\n"
    }

    fn profiles(&self) -> &'static str {
        "AWS CLI と、アカウントごとのプロファイル。コマンドはプロファイル名を次のシェル変数から読みます:"
    }

    fn profile_for(&self, variable: impl Display, account: &str) -> String {
        format!("`{variable}`（アカウント {account}）")
    }

    fn list_separator(&self) -> &'static str {
        "、"
    }

    fn list_end(&self) -> &'static str {
        "。"
    }

    fn large_templates(&self, limit: usize) -> String {
        format!(
            "{limit} バイトを超えるテンプレートは、スタックと同じリージョンの S3 バケットを経由します。該当する手順の前に `TEMPLATE_BUCKET` にバケット名を設定してください。"
        )
    }

    fn user_input(&self) -> &'static str {
        "一部のパラメータ（*入力*）はあなたしか知らない値です。その手順の前に、パラメータ名のシェル変数に値を設定してください。"
    }

    fn deferred(&self) -> &'static str {
        "スタックの作成時点では値のないパラメータがあります（後で作成されるスタックが要求するピアリングの ID など）。作成時は空のままにし、それを使うリソースは作成されません。後の*更新*手順で値を渡すと作成されます。アクセプタ側のピアリングのルートは、ピアリングが active になった後、必ずこの方法で作成します。"
    }

    fn steps_heading(&self) -> &'static str {
        "\n### 手順\n\n"
    }

    fn create(
        &self,
        out: &mut String,
        stack: impl Display,
        template: impl Display,
        account: &str,
        region: &str,
    ) {
        let _ = write!(
            out,
            "スタック `{stack}` を **作成** します（テンプレート `{template}`、アカウント {account}、リージョン {region}）。"
        );
    }

    fn creates_peer_role(&self) -> &'static str {
        "他のアカウントからのピアリングを受けるVPCごとに、リクエスタ側のスタックが要求を承諾するために引き受ける IAM ロール（そのVPCへの承諾だけを許可）も作成します（リクエスタ側のスタックはロールを名前で参照するため `CAPABILITY_NAMED_IAM` が必要です）。"
    }

    fn update(
        &self,
        out: &mut String,
        stack: impl Display,
        template: impl Display,
        account: &str,
        region: &str,
    ) {
        let _ = write!(
            out,
            "スタック `{stack}` を **更新** し（テンプレートは同じ `{template}`、アカウント {account}、リージョン {region}）、作成時に空にしたパラメータの値を渡します。"
        );
    }

    fn after_peering(&self) -> &'static str {
        "ピアリング接続が active になってから（要求する側のスタックの作成が完了してから）実行してください。"
    }

    fn no_parameters(&self) -> &'static str {
        "パラメータはありません。"
    }

    fn parameters_from(&self, out: &mut String, stack: impl Display) {
        let _ = write!(out, "スタック `{stack}` の出力から渡すパラメータ:");
    }

    fn parameters_you_know(&self) -> &'static str {
        "あなたが入力するパラメータ（説明は英語の手順を参照）:"
    }

    fn output(&self) -> &'static str {
        "出力"
    }

    fn default(&self, out: &mut String, value: impl Display) {
        let _ = write!(out, "（既定値 `{value}`）");
    }

    fn tasks_heading(&self) -> &'static str {
        "### スタックの後の作業\n\n"
    }

    fn accept_endpoint(&self, out: &mut String, service: &str, account: &str, region: &str) {
        let _ = write!(
            out,
            "エンドポイントサービス\u{300c}{service}\u{300d}は承認が必要です。プロバイダ（アカウント {account}、リージョン {region}）が承認するまで、コンシューマのエンドポイントは `pendingAcceptance` のままです（`aws ec2 accept-vpc-endpoint-connections`、コマンドは英語の節を参照）。"
        );
    }

    fn peering_dns(&self, out: &mut String, requester: &str, accepter: &str) {
        let _ = write!(
            out,
            "\u{300c}{requester}\u{300d}から\u{300c}{accepter}\u{300d}へのピアリングの DNS 解決は CloudFormation では設定できません。ピアリングが active になった後、両側でそれぞれ `aws ec2 modify-vpc-peering-connection-options` を実行してください（コマンドは英語の節を参照）。"
        );
    }

    fn register_targets(&self, out: &mut String, service: &str, balancer: &str, port: u16) {
        let _ = write!(
            out,
            "エンドポイントサービス\u{300c}{service}\u{300d}は、新しく作成された内部 Network Load Balancer\u{300c}{balancer}\u{300d}を経由してターゲットグループに転送しますが、ターゲットグループにはまだターゲットがありません。TCP ポート {port} でサービスを提供するインスタンスを登録してください（`aws elbv2 register-targets`、コマンドは英語の節を参照）。"
        );
    }

    fn notes_heading(&self) -> &'static str {
        "### エクスポートされないもの\n\nテンプレートに含まれないデザインの要素があります（英語の節と各テンプレートの Metadata に一覧があります）。"
    }

    fn defaults_heading(&self) -> &'static str {
        "### ネットワークの構成\n\n"
    }

    fn main_route_tables(&self) -> &'static str {
        "CloudFormation では VPC のメインルートテーブルを変更できません。そのため設計のメインルートテーブルは通常のルートテーブルとして作成し、他のテーブルに関連付けられていない設計上のすべてのサブネットに明示的に関連付けます。設計がメインルートテーブルに与えるルートとゲートウェイエンドポイントは、このテーブルに付きます。VPC 自身のメインルートテーブルはローカルルートのみのまま残ります。設計外で後から追加したサブネットは、設計のルートテーブルに関連付けるまでこのメインルートテーブルを使います。CLI スクリプトも同じ構成を作成します。"
    }

    fn default_security_group(&self) -> &'static str {
        "セキュリティグループが設計されていないエンドポイントはセキュリティグループを指定せずに作成するため、AWS が VPC のデフォルトセキュリティグループを付けます。デフォルトセキュリティグループは、既定では同じグループのメンバーからの通信だけを許可します。接続できる相手を決めるには、設計でエンドポイントにセキュリティグループを指定してください。CLI スクリプトも同じ構成を作成します。"
    }

    fn partitions(&self) -> &'static str {
        "どのパーティションでも: テンプレートが組み立てる ARN はすべて `AWS::Partition` を使います（`aws`、中国リージョンでは `aws-cn`、GovCloud では `aws-us-gov`）。プリンシパルやロードバランサーの ARN、AWS サービス名など設計にあるものは設計どおりに書きます。vpcplan はサービス名を `com.amazonaws.<region>.<service>` と書きます。これは `aws` と `aws-us-gov` で成り立ちますが、中国リージョンではサービスごとに `cn.com.amazonaws.<region>.<service>` となるものが多く（`aws ec2 describe-vpc-endpoint-services` で確認し、設計のエンドポイントに名前を設定してください）、ARN は `arn:aws-cn:` で始まります。"
    }

    fn delete_heading(&self) -> &'static str {
        "\n### スタックの削除\n\n手順を逆順に戻します。まず更新を、その手順で渡した値を空に戻して取り消します（後のスタックに依存するもの、つまりアクセプタ側のピアリングのルートとセキュリティグループのルール、後で作成されるサービスへのエンドポイントが削除されます）。次に、最後に作成したスタックから順に削除します。これでリクエスタのスタックはアクセプタより先に（ピアリングの削除はリクエスタのスタックが行い、アクセプタのロールは使いません）、エンドポイントサービスのコンシューマはプロバイダより先に削除されます。コマンドは英語の節にあります。\n\n"
    }

    fn undo_update(&self, out: &mut String, stack: impl Display, account: &str, region: &str) {
        let _ = write!(
            out,
            "スタック `{stack}` を **更新** し（アカウント {account}、リージョン {region}）、更新手順で渡した値を空に戻します。"
        );
    }

    fn delete_stack(&self, out: &mut String, stack: impl Display, account: &str, region: &str) {
        let _ = write!(
            out,
            "スタック `{stack}` を **削除** し（アカウント {account}、リージョン {region}）、削除の完了を待ちます。"
        );
    }

    fn delete_endpoint_services(&self) -> &'static str {
        "エンドポイントが接続しているエンドポイントサービスは削除できません（接続中・承諾待ちのインターフェイスエンドポイント接続を先に拒否する必要があります）。上の順序ではこれらのスタックが作るコンシューマが先に削除されます。ほかのコンシューマの接続は、プロバイダのスタックを削除する前に `aws ec2 reject-vpc-endpoint-connections` で拒否してください。\n\n"
    }

    fn verify(&self, out: &mut String, analyses: usize, pricing: &str) {
        let _ = write!(
            out,
            "### 最後に: ネットワークの検証\n\nすべてのスタックが完了したら `cloudformation/verify.sh` を実行します。デザインのインテントごとに VPC Reachability Analyzer で AWS が経路を見つけるかを調べ、vpcplan の期待と並べて表示します。食い違いがあれば終了コード 1 で終わります。分析は {analyses} 件で、AWS の料金がかかります（{pricing}）。実行前に件数を示して確認を求めます（`--yes` で省略）。経路の両端に一時的なネットワークインターフェイスとセキュリティグループを作成し（タグ `vpcplan:verify`）、終了時にパスと分析とともに削除します。\n\n"
        );
    }
}
