//! vpcplan-export: turns a design into files engineers deploy — CloudFormation
//! templates (YAML and JSON, one stack per account and Region, with a deploy
//! order) and AWS CLI scripts with their teardown scripts.
//!
//! Every exporter is a pure function of a design and its options; nothing here
//! touches the file system or the network. The generators arrive with the
//! export issue; this crate exists now so the workspace layout is final.
