//! The user-interface text of the planner, in every language vpcplan speaks.
//!
//! One struct per language, so a string added for one language and forgotten
//! for another fails to compile instead of showing an empty label.

use vpcplan_core::Lang;

pub struct Strings {
    pub tagline: &'static str,
    pub language_switch_label: &'static str,
    pub canvas_label: &'static str,
    pub matrix_heading: &'static str,
    pub matrix_intro: &'static str,
    pub matrix_corner: &'static str,
    pub in_2020: &'static str,
    pub sources: &'static str,
    pub changes_heading: &'static str,
    pub changes_intro: &'static str,
    pub legend_heading: &'static str,
}

const EN: Strings = Strings {
    tagline: "Private connectivity planner for AWS VPCs",
    language_switch_label: "Language",
    canvas_label: "Design canvas",
    matrix_heading: "Three ways to connect VPCs privately",
    matrix_intro: "VPC peering, PrivateLink interface endpoints and gateway endpoints compared: today's rules, with what the 2020 article said wherever it has changed.",
    matrix_corner: "Aspect",
    in_2020: "2020",
    sources: "Sources",
    changes_heading: "What changed since 2020",
    changes_intro: "Statements from the 2020 comparison that no longer hold.",
    legend_heading: "Legend",
};

const JA: Strings = Strings {
    tagline: "AWS VPC間プライベート接続の設計プランナー",
    language_switch_label: "言語",
    canvas_label: "設計キャンバス",
    matrix_heading: "VPCをプライベートに接続する3つの方法",
    matrix_intro: "VPCピアリング、PrivateLink(インターフェイス型)、PrivateLink(ゲートウェイ型)の比較です。現在のルールを示し、2020年の記事から変わった点には当時の記述を併記しています。",
    matrix_corner: "観点",
    in_2020: "2020年",
    sources: "出典",
    changes_heading: "2020年からの変更点",
    changes_intro: "2020年の比較表のうち、現在は当てはまらない記述です。",
    legend_heading: "凡例",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}
