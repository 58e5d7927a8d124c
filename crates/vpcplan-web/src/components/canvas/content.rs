//! What each node and link shows that depends on the document and the
//! language, not on where it is drawn: computed once per content revision
//! and language, sharing what did not change with the earlier content.

use std::rc::Rc;

use vpcplan_core::collections::{HashMap, HashSet};
use vpcplan_core::design::{Link, LinkId, Service, ServiceKind, Vpc};
use vpcplan_core::{Design, Diagnostic, Lang, Severity};
use vpcplan_editor::geometry::{service_lines, vpc_lines};
use vpcplan_editor::items::link_ends;
use vpcplan_editor::{Item, NodeId, NodeLookup, NodesById, link_name, node_name, subject_item};
use yew::prelude::*;
use yew::virtual_dom::Key;

use super::{item_dom_id, kind_class};

/// The worst diagnostic severity naming each node and link.
fn marks(design: &Design, diagnostics: &[Diagnostic]) -> HashMap<Item, Severity> {
    let mut marks: HashMap<Item, Severity> = HashMap::default();
    for diagnostic in diagnostics {
        if diagnostic.severity == Severity::Info {
            continue;
        }
        for item in diagnostic
            .subjects
            .iter()
            .filter_map(|s| subject_item(design, s))
        {
            let entry = marks.entry(item).or_insert(diagnostic.severity);
            if diagnostic.severity == Severity::Error {
                *entry = Severity::Error;
            }
        }
    }
    marks
}

/// What a node shows that depends on the document's content and the
/// language, not on where the node is.
#[derive(PartialEq, Eq, Debug)]
pub(super) struct NodeContent {
    pub(super) key: Key,
    pub(super) dom_id: AttrValue,
    pub(super) kind: &'static str,
    pub(super) lines: Vec<AttrValue>,
    pub(super) name: AttrValue,
    pub(super) mark: Option<&'static str>,
}

#[derive(PartialEq, Eq, Debug)]
pub(super) struct LinkContent {
    pub(super) key: Key,
    pub(super) dom_id: AttrValue,
    pub(super) kind: &'static str,
    pub(super) name: AttrValue,
    pub(super) mark: Option<&'static str>,
}

/// The content of every node and link, computed once per content revision
/// and language.
#[derive(PartialEq, Debug)]
pub(super) struct CanvasContent {
    /// The document it is of.
    pub(super) design: Rc<Design>,
    pub(super) lang: Lang,
    pub(super) nodes: HashMap<NodeId, Rc<NodeContent>>,
    pub(super) links: HashMap<LinkId, Rc<LinkContent>>,
}

/// The content computed for an earlier document, with what tells which of
/// it still holds: that document's nodes and links by id, and the nodes
/// whose name changed since (links and endpoint services name them).
struct Earlier<'e> {
    content: &'e CanvasContent,
    nodes: NodesById<'e>,
    links: HashMap<&'e LinkId, &'e Link>,
    renamed: HashSet<NodeId>,
}

impl<'e> Earlier<'e> {
    /// `None` where nothing can be shared: another language, or ids that
    /// repeat (names and contents are found by id).
    fn of(
        content: &'e CanvasContent,
        lang: Lang,
        now: &NodesById,
        design: &Design,
    ) -> Option<Self> {
        let nodes = NodesById::new(&content.design);
        let links: HashMap<&LinkId, &Link> = content
            .design
            .links
            .iter()
            .map(|link| (&link.id, link))
            .collect();
        if content.lang != lang
            || !nodes.each_id_once()
            || !now.each_id_once()
            || links.len() != content.design.links.len()
        {
            return None;
        }
        let mut renamed = HashSet::default();
        for (vpcs, other) in [(&design.vpcs, &nodes), (&content.design.vpcs, now)] {
            renamed.extend(
                vpcs.iter()
                    .filter(|vpc| other.vpc(&vpc.id).is_none_or(|o| o.name != vpc.name))
                    .map(|vpc| NodeId::Vpc(vpc.id.clone())),
            );
        }
        for (services, other) in [(&design.services, &nodes), (&content.design.services, now)] {
            renamed.extend(
                services
                    .iter()
                    .filter(|s| other.service(&s.id).is_none_or(|o| o.name != s.name))
                    .map(|s| NodeId::Service(s.id.clone())),
            );
        }
        Some(Earlier {
            content,
            nodes,
            links,
            renamed,
        })
    }

    /// The earlier content of a node whose record and mark did not change,
    /// nor the name of the VPC providing it (for an endpoint service).
    fn node(&self, node: &Node, mark: Option<&'static str>) -> Option<Rc<NodeContent>> {
        let unchanged = match node {
            Node::Vpc(vpc) => self.nodes.vpc(&vpc.id) == Some(*vpc),
            Node::Service(service) => {
                self.nodes.service(&service.id) == Some(*service)
                    && match &service.kind {
                        ServiceKind::EndpointService(es) => {
                            !self.renamed.contains(&NodeId::Vpc(es.provider_vpc.clone()))
                        }
                        ServiceKind::Aws { .. } => true,
                    }
            }
        };
        let earlier = self.content.nodes.get(&node.id())?;
        (unchanged && earlier.mark == mark).then(|| earlier.clone())
    }

    /// The earlier content of a link that did not change, nor its mark,
    /// nor the names of the nodes at its ends.
    fn link(&self, link: &Link, mark: Option<&'static str>) -> Option<Rc<LinkContent>> {
        let (from, to) = link_ends(&link.spec)?;
        let earlier = self.content.links.get(&link.id)?;
        (self.links.get(&link.id) == Some(&link)
            && !self.renamed.contains(&from)
            && !self.renamed.contains(&to)
            && earlier.mark == mark)
            .then(|| earlier.clone())
    }
}

/// A VPC or a service of the design.
enum Node<'d> {
    Vpc(&'d Vpc),
    Service(&'d Service),
}

impl Node<'_> {
    fn id(&self) -> NodeId {
        match self {
            Node::Vpc(vpc) => NodeId::Vpc(vpc.id.clone()),
            Node::Service(service) => NodeId::Service(service.id.clone()),
        }
    }
}

impl CanvasContent {
    /// The content of `design`'s nodes and links, sharing with `earlier`
    /// (the content of an earlier document) what did not change.
    pub(super) fn of(
        design: &Rc<Design>,
        diagnostics: &[Diagnostic],
        lang: Lang,
        earlier: Option<&CanvasContent>,
    ) -> CanvasContent {
        let marks = marks(design, diagnostics);
        let mark = |item: &Item| marks.get(item).map(|s| s.slug());
        let by_id = NodesById::new(design);
        let earlier = earlier.and_then(|content| Earlier::of(content, lang, &by_id, design));
        let nodes = design
            .vpcs
            .iter()
            .map(Node::Vpc)
            .chain(design.services.iter().map(Node::Service))
            .map(|node| {
                let id = node.id();
                let item = Item::Node(id.clone());
                let mark = mark(&item);
                if let Some(content) = earlier.as_ref().and_then(|e| e.node(&node, mark)) {
                    return (id, content);
                }
                let (kind, lines) = match node {
                    Node::Vpc(vpc) => ("vpc", vpc_lines(vpc)),
                    Node::Service(service) => ("service", service_lines(service)),
                };
                let dom_id = item_dom_id(&item);
                let content = NodeContent {
                    key: Key::from(dom_id.as_str()),
                    dom_id: dom_id.into(),
                    kind,
                    lines: lines.into_iter().map(AttrValue::from).collect(),
                    name: AttrValue::from(node_name(&by_id, &id, lang).unwrap_or_default()),
                    mark,
                };
                (id, Rc::new(content))
            })
            .collect();
        let links = design
            .links
            .iter()
            .map(|link| {
                let item = Item::Link(link.id.clone());
                let mark = mark(&item);
                if let Some(content) = earlier.as_ref().and_then(|e| e.link(link, mark)) {
                    return (link.id.clone(), content);
                }
                let dom_id = item_dom_id(&item);
                let content = LinkContent {
                    key: Key::from(dom_id.as_str()),
                    dom_id: dom_id.into(),
                    kind: kind_class(link.kind()),
                    name: AttrValue::from(link_name(&by_id, link, lang)),
                    mark,
                };
                (link.id.clone(), Rc::new(content))
            })
            .collect();
        CanvasContent {
            design: design.clone(),
            lang,
            nodes,
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use vpcplan_core::synthetic::{Shape, generate};
    use vpcplan_editor::command::Command;
    use vpcplan_editor::{Editor, Point};

    use super::*;

    fn content(editor: &Editor, lang: Lang, earlier: Option<&CanvasContent>) -> CanvasContent {
        CanvasContent::of(editor.document(), &editor.diagnostics(), lang, earlier)
    }

    fn shared_links(content: &CanvasContent, earlier: &CanvasContent) -> usize {
        content
            .links
            .iter()
            .filter(|(id, link)| earlier.links.get(*id).is_some_and(|e| Rc::ptr_eq(e, link)))
            .count()
    }

    #[test]
    fn content_built_on_the_earlier_content_equals_content_built_afresh() {
        let mut editor = Editor::new(generate(&Shape::benchmark(40)));
        let mut earlier = content(&editor, Lang::En, None);
        let peer_cidr = editor.document().vpcs[4].ipv4_cidrs[0].to_string();
        let mut check = |editor: &Editor, what: &str| {
            let built_on = content(editor, Lang::En, Some(&earlier));
            assert_eq!(built_on, content(editor, Lang::En, None), "after {what}");
            let shared = shared_links(&built_on, &earlier);
            earlier = built_on;
            shared
        };
        let links = editor.document().links.len();

        editor
            .apply(Command::SetIpv4Cidrs {
                vpc: "vpc-1".into(),
                cidrs: vec![peer_cidr],
            })
            .expect("the CIDR applies");
        let shared = check(&editor, "a CIDR edit");
        assert!(shared > links / 2, "{shared} of {links} links shared");
        editor
            .apply(Command::RenameNode {
                node: NodeId::vpc("vpc-2"),
                name: "renamed".into(),
            })
            .expect("the rename applies");
        let shared = check(&editor, "a rename");
        assert!(shared < links, "the renamed VPC's links are named again");
        editor
            .apply(Command::AddEndpointService {
                at: Point::new(-400.0, -400.0),
            })
            .expect("the endpoint service is placed");
        check(&editor, "adding an endpoint service");
        let provider = editor
            .document()
            .services
            .iter()
            .find_map(|service| match &service.kind {
                ServiceKind::EndpointService(es) => Some(es.provider_vpc.clone()),
                ServiceKind::Aws { .. } => None,
            })
            .expect("an endpoint service");
        editor
            .apply(Command::RenameNode {
                node: NodeId::Vpc(provider),
                name: "provider".into(),
            })
            .expect("the provider is renamed");
        check(&editor, "renaming the endpoint service's provider");
        editor
            .apply(Command::MoveNodes {
                nodes: vec![NodeId::vpc("vpc-3")],
                dx: 40.0,
                dy: 0.0,
            })
            .expect("the move applies");
        check(&editor, "a move");
        editor
            .apply(Command::Delete {
                nodes: vec![NodeId::vpc("vpc-3")],
                links: vec![],
            })
            .expect("the delete applies");
        check(&editor, "a deletion");
        while editor.undo() {
            check(&editor, "an undo");
        }

        let japanese = content(&editor, Lang::Ja, Some(&earlier));
        assert_eq!(japanese, content(&editor, Lang::Ja, None));
        assert_eq!(
            shared_links(&japanese, &earlier),
            0,
            "another language shares nothing"
        );
    }
}
