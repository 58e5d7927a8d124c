//! Patches: what one command changed in the document, record by record.
//!
//! A record is one top-level thing of the design (the design's name, an
//! account, a VPC, a service, a link, an intent). A patch lists the records
//! added, updated (before and after) and removed, each addition and removal
//! with its index in its list, so applying the inverse patch gives back the
//! document exactly, order included.

use vpcplan_core::Design;
use vpcplan_core::collections::sort_by_key;
use vpcplan_core::design::{
    Account, AccountId, Intent, IntentId, Link, LinkId, Service, ServiceId, ServiceKind, Vpc, VpcId,
};

use crate::items::link_ends;

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Name(String),
    Account(Account),
    Vpc(Vpc),
    Service(Service),
    Link(Link),
    Intent(Intent),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordId {
    Name,
    Account(AccountId),
    Vpc(VpcId),
    Service(ServiceId),
    Link(LinkId),
    Intent(IntentId),
}

impl Record {
    pub fn id(&self) -> RecordId {
        match self {
            Record::Name(_) => RecordId::Name,
            Record::Account(account) => RecordId::Account(account.id.clone()),
            Record::Vpc(vpc) => RecordId::Vpc(vpc.id.clone()),
            Record::Service(service) => RecordId::Service(service.id.clone()),
            Record::Link(link) => RecordId::Link(link.id.clone()),
            Record::Intent(intent) => RecordId::Intent(intent.id.clone()),
        }
    }

    /// The canvas node this record is, if it is one (a VPC or a service).
    pub fn node(&self) -> Option<crate::items::NodeId> {
        use crate::items::NodeId;
        match self {
            Record::Vpc(vpc) => Some(NodeId::Vpc(vpc.id.clone())),
            Record::Service(service) => Some(NodeId::Service(service.id.clone())),
            _ => None,
        }
    }
}

/// A record and its index in its list (in the document before a removal,
/// after an addition).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub index: usize,
    pub record: Record,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub before: Record,
    pub after: Record,
}

/// What a command changed. Applying it removes, then updates, then adds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Patch {
    pub added: Vec<Placed>,
    pub updated: Vec<Update>,
    pub removed: Vec<Placed>,
}

/// The changes a command wants, before they are placed: records appended,
/// records replaced (by their new value) and records removed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Changes {
    pub adds: Vec<Record>,
    pub updates: Vec<Record>,
    pub removes: Vec<RecordId>,
}

impl Changes {
    pub fn add(&mut self, record: Record) {
        self.adds.push(record);
    }

    /// Replaces a record; a record already removed by this command stays removed.
    pub fn update(&mut self, record: Record) {
        if self.removes.contains(&record.id()) {
            return;
        }
        if let Some(existing) = self.updates.iter_mut().find(|r| r.id() == record.id()) {
            *existing = record;
        } else {
            self.updates.push(record);
        }
    }

    pub fn remove(&mut self, id: RecordId) {
        if !self.removes.contains(&id) {
            self.updates.retain(|record| record.id() != id);
            self.removes.push(id);
        }
    }
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }

    /// Whether the patch only moves nodes: it updates VPCs and services that
    /// differ in nothing but their position. Diagnostics, reachability and
    /// exports do not depend on positions, so they need no recomputing.
    pub fn moves_only(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self
                .updated
                .iter()
                .all(|update| match (&update.before, &update.after) {
                    (Record::Vpc(before), Record::Vpc(after)) => {
                        *before
                            == Vpc {
                                position: before.position,
                                ..after.clone()
                            }
                    }
                    (Record::Service(before), Record::Service(after)) => {
                        *before
                            == Service {
                                position: before.position,
                                ..after.clone()
                            }
                    }
                    _ => false,
                })
    }

    /// Whether a layout's index stays true after the patch, so the layout
    /// can be brought up to date by laying out the updated nodes again
    /// (`Layout::move_nodes`) instead of the whole document: the patch adds
    /// and removes no node or link, moves no node to another Region or
    /// account box (nor an endpoint service to another provider), and changes
    /// no link's kind or ends. Moving nodes, editing a VPC's CIDRs or name,
    /// or a link's options all keep it.
    pub fn keeps_layout_index(&self) -> bool {
        let drawn = |record: &Record| {
            matches!(
                record,
                Record::Vpc(_) | Record::Service(_) | Record::Link(_)
            )
        };
        let provider = |service: &Service| match &service.kind {
            ServiceKind::EndpointService(endpoint_service) => {
                Some(endpoint_service.provider_vpc.clone())
            }
            ServiceKind::Aws { .. } => None,
        };
        !self.added.iter().any(|placed| drawn(&placed.record))
            && !self.removed.iter().any(|placed| drawn(&placed.record))
            && self
                .updated
                .iter()
                .all(|update| match (&update.before, &update.after) {
                    (Record::Vpc(before), Record::Vpc(after)) => {
                        (&before.id, &before.region, &before.account)
                            == (&after.id, &after.region, &after.account)
                    }
                    (Record::Service(before), Record::Service(after)) => {
                        (&before.id, &before.region, provider(before))
                            == (&after.id, &after.region, provider(after))
                    }
                    (Record::Link(before), Record::Link(after)) => {
                        (&before.id, before.kind(), link_ends(&before.spec))
                            == (&after.id, after.kind(), link_ends(&after.spec))
                    }
                    (before, after) => !drawn(before) && !drawn(after),
                })
    }

    /// The patch that undoes this one.
    pub fn inverse(&self) -> Patch {
        Patch {
            added: self.removed.clone(),
            updated: self
                .updated
                .iter()
                .map(|update| Update {
                    before: update.after.clone(),
                    after: update.before.clone(),
                })
                .collect(),
            removed: self.added.clone(),
        }
    }

    /// Places `changes` against `design`: removals take their current
    /// indices, additions go to the end of their lists, updates record the
    /// current value as `before`. Updates of records that do not exist are
    /// dropped (commands check existence first).
    pub(crate) fn place(design: &Design, changes: Changes) -> Patch {
        let mut removed: Vec<Placed> = changes
            .removes
            .iter()
            .filter_map(|id| find(design, id))
            .collect();
        sort_by_key(&mut removed, |placed| {
            (kind_order(&placed.record), placed.index)
        });
        let updated = changes
            .updates
            .into_iter()
            .filter_map(|after| {
                let before = find(design, &after.id())?.record;
                (before != after).then_some(Update { before, after })
            })
            .collect();
        let mut lengths = Lengths::of(design);
        for placed in &removed {
            *lengths.of_kind(&placed.record) -= 1;
        }
        let added = changes
            .adds
            .into_iter()
            .map(|record| {
                let length = lengths.of_kind(&record);
                let index = *length;
                *length += 1;
                Placed { index, record }
            })
            .collect();
        Patch {
            added,
            updated,
            removed,
        }
    }

    /// The patch that turns `design` into `next` (a lesson's starting
    /// design or solution): the records `next` lacks removed, the records
    /// both hold and that differ updated, the records only `next` holds
    /// added at their places. A list whose shared records come in another
    /// order, or with an id twice, is replaced whole, so applying the patch
    /// gives `next` exactly, order included, and its inverse `design`.
    pub fn replacing(design: &Design, next: &Design) -> Patch {
        let mut patch = Patch::default();
        if design.name != next.name {
            patch.updated.push(Update {
                before: Record::Name(design.name.clone()),
                after: Record::Name(next.name.clone()),
            });
        }
        patch.diff(&design.accounts, &next.accounts, Record::Account);
        patch.diff(&design.vpcs, &next.vpcs, Record::Vpc);
        patch.diff(&design.services, &next.services, Record::Service);
        patch.diff(&design.links, &next.links, Record::Link);
        patch.diff(&design.intents, &next.intents, Record::Intent);
        patch
    }

    fn diff<T: Clone + PartialEq>(&mut self, old: &[T], new: &[T], wrap: fn(T) -> Record) {
        let ids = |list: &[T]| -> Vec<RecordId> {
            list.iter().map(|item| wrap(item.clone()).id()).collect()
        };
        let (old_ids, new_ids) = (ids(old), ids(new));
        let unique = |ids: &[RecordId]| {
            let mut sorted: Vec<&RecordId> = ids.iter().collect();
            sort_by_key(&mut sorted, |id| (*id).clone());
            sorted.windows(2).all(|pair| pair[0] != pair[1])
        };
        let shared_in = |ids: &[RecordId], other: &[RecordId]| -> Vec<RecordId> {
            ids.iter()
                .filter(|id| other.contains(id))
                .cloned()
                .collect()
        };
        let in_step = unique(&old_ids)
            && unique(&new_ids)
            && shared_in(&old_ids, &new_ids) == shared_in(&new_ids, &old_ids);
        for (index, (item, id)) in old.iter().zip(&old_ids).enumerate() {
            if !in_step || !new_ids.contains(id) {
                self.removed.push(Placed {
                    index,
                    record: wrap(item.clone()),
                });
            }
        }
        for (index, (item, id)) in new.iter().zip(&new_ids).enumerate() {
            match old_ids.iter().position(|old_id| old_id == id) {
                Some(position) if in_step => {
                    if old[position] != *item {
                        self.updated.push(Update {
                            before: wrap(old[position].clone()),
                            after: wrap(item.clone()),
                        });
                    }
                }
                _ => self.added.push(Placed {
                    index,
                    record: wrap(item.clone()),
                }),
            }
        }
    }

    /// Applies the patch to `design`.
    pub fn apply_to(&self, design: &mut Design) {
        let mut removed: Vec<&Placed> = self.removed.iter().collect();
        sort_by_key(&mut removed, |placed| std::cmp::Reverse(placed.index));
        for placed in removed {
            remove(design, placed);
        }
        for update in &self.updated {
            replace(design, &update.after);
        }
        let mut added: Vec<&Placed> = self.added.iter().collect();
        sort_by_key(&mut added, |placed| placed.index);
        for placed in added {
            insert(design, placed);
        }
    }

    /// Folds a later update-only patch into this update-only one, so a drag
    /// of many small moves keeps one before and one after per record.
    /// Returns the later patch back when either has additions or removals.
    pub(crate) fn absorb(&mut self, later: Patch) -> Result<(), Patch> {
        let update_only = |patch: &Patch| patch.added.is_empty() && patch.removed.is_empty();
        if !update_only(self) || !update_only(&later) {
            return Err(later);
        }
        for update in later.updated {
            let id = update.after.id();
            match self.updated.iter_mut().find(|u| u.after.id() == id) {
                Some(existing) => existing.after = update.after,
                None => self.updated.push(update),
            }
        }
        self.updated.retain(|update| update.before != update.after);
        Ok(())
    }
}

fn kind_order(record: &Record) -> u8 {
    match record {
        Record::Name(_) => 0,
        Record::Account(_) => 1,
        Record::Vpc(_) => 2,
        Record::Service(_) => 3,
        Record::Link(_) => 4,
        Record::Intent(_) => 5,
    }
}

struct Lengths {
    name: usize,
    accounts: usize,
    vpcs: usize,
    services: usize,
    links: usize,
    intents: usize,
}

impl Lengths {
    fn of(design: &Design) -> Lengths {
        Lengths {
            name: 0,
            accounts: design.accounts.len(),
            vpcs: design.vpcs.len(),
            services: design.services.len(),
            links: design.links.len(),
            intents: design.intents.len(),
        }
    }

    fn of_kind(&mut self, record: &Record) -> &mut usize {
        match record {
            Record::Name(_) => &mut self.name,
            Record::Account(_) => &mut self.accounts,
            Record::Vpc(_) => &mut self.vpcs,
            Record::Service(_) => &mut self.services,
            Record::Link(_) => &mut self.links,
            Record::Intent(_) => &mut self.intents,
        }
    }
}

/// The record with this id and its index.
pub(crate) fn find(design: &Design, id: &RecordId) -> Option<Placed> {
    fn placed<T: Clone>(
        list: &[T],
        matches: impl Fn(&T) -> bool,
        wrap: impl Fn(T) -> Record,
    ) -> Option<Placed> {
        let index = list.iter().position(matches)?;
        Some(Placed {
            index,
            record: wrap(list[index].clone()),
        })
    }
    match id {
        RecordId::Name => Some(Placed {
            index: 0,
            record: Record::Name(design.name.clone()),
        }),
        RecordId::Account(id) => placed(&design.accounts, |a| &a.id == id, Record::Account),
        RecordId::Vpc(id) => placed(&design.vpcs, |v| &v.id == id, Record::Vpc),
        RecordId::Service(id) => placed(&design.services, |s| &s.id == id, Record::Service),
        RecordId::Link(id) => placed(&design.links, |l| &l.id == id, Record::Link),
        RecordId::Intent(id) => placed(&design.intents, |i| &i.id == id, Record::Intent),
    }
}

/// Removes the element at `index` when it has the id wanted, else the
/// element with that id wherever it is.
fn remove_from<T>(list: &mut Vec<T>, index: usize, matches: impl Fn(&T) -> bool) {
    if list.get(index).is_some_and(&matches) {
        list.remove(index);
    } else if let Some(position) = list.iter().position(matches) {
        list.remove(position);
    }
}

fn remove(design: &mut Design, placed: &Placed) {
    let index = placed.index;
    match &placed.record {
        Record::Name(_) => design.name.clear(),
        Record::Account(a) => remove_from(&mut design.accounts, index, |x| x.id == a.id),
        Record::Vpc(v) => remove_from(&mut design.vpcs, index, |x| x.id == v.id),
        Record::Service(s) => remove_from(&mut design.services, index, |x| x.id == s.id),
        Record::Link(l) => remove_from(&mut design.links, index, |x| x.id == l.id),
        Record::Intent(i) => remove_from(&mut design.intents, index, |x| x.id == i.id),
    }
}

fn replace_in<T: Clone>(list: &mut [T], value: &T, matches: impl Fn(&T) -> bool) {
    if let Some(slot) = list.iter_mut().find(|x| matches(x)) {
        *slot = value.clone();
    }
}

fn replace(design: &mut Design, record: &Record) {
    match record {
        Record::Name(name) => design.name = name.clone(),
        Record::Account(a) => replace_in(&mut design.accounts, a, |x| x.id == a.id),
        Record::Vpc(v) => replace_in(&mut design.vpcs, v, |x| x.id == v.id),
        Record::Service(s) => replace_in(&mut design.services, s, |x| x.id == s.id),
        Record::Link(l) => replace_in(&mut design.links, l, |x| x.id == l.id),
        Record::Intent(i) => replace_in(&mut design.intents, i, |x| x.id == i.id),
    }
}

fn insert_at<T: Clone>(list: &mut Vec<T>, index: usize, value: &T) {
    list.insert(index.min(list.len()), value.clone());
}

fn insert(design: &mut Design, placed: &Placed) {
    let index = placed.index;
    match &placed.record {
        Record::Name(name) => design.name = name.clone(),
        Record::Account(a) => insert_at(&mut design.accounts, index, a),
        Record::Vpc(v) => insert_at(&mut design.vpcs, index, v),
        Record::Service(s) => insert_at(&mut design.services, index, s),
        Record::Link(l) => insert_at(&mut design.links, index, l),
        Record::Intent(i) => insert_at(&mut design.intents, index, i),
    }
}
