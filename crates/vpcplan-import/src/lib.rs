//! vpcplan-import: reads what already exists — CloudFormation templates and the
//! JSON printed by `aws ec2 describe-*` — into a vpcplan design, so an existing
//! network can be drawn, checked and extended.
//!
//! Pure functions from text to a design or a located error; the readers arrive
//! with the import issue.
