//! vpcplan-editor: the canvas editor engine without a DOM — the document,
//! commands and their patches, undo history, selection, tools as state machines
//! and hit-testing.
//!
//! It is driven by plain pointer and keyboard events, so the whole editor can
//! be tested natively with a headless editor; vpcplan-web only renders it and
//! forwards events. The engine arrives with the planner issue.
