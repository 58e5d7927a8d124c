//! Long lists rendered in windows (issue 19): only the items in view in a
//! scroll container, and a few on each side, are in the page; a spacer
//! before and one after stand for the rest, so the scroll bar is the whole
//! list's. Items may differ in height: each item rendered is measured once
//! it is in the page, the others count at an estimate.
//!
//! Tab still reaches every item: the items rendered past each edge of the
//! view take focus, the browser scrolls the focused one into view, and the
//! scroll moves the window on. `reveal` scrolls any item into the window.
//!
//! A list marks each item's element with `data-window-item` (its index) so
//! the hook can measure it.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Items rendered beyond each edge of the view.
const OVERSCAN_ITEMS: usize = 4;

/// The view's height before the container has been measured, in CSS pixels.
const FIRST_VIEW_HEIGHT: f64 = 600.0;

/// What a windowed list renders.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    /// The items in the page.
    pub items: Range<usize>,
    /// The height of the items before and after them, in CSS pixels.
    pub before: f64,
    pub after: f64,
}

/// The heights of a list's items, measured or estimated.
#[derive(Debug)]
struct Heights {
    estimate: f64,
    of: Vec<f64>,
}

impl Heights {
    fn resize(&mut self, count: usize) {
        self.of.resize(count, self.estimate);
    }

    fn top_of(&self, index: usize) -> f64 {
        self.of[..index.min(self.of.len())].iter().sum()
    }

    /// The items meeting the pixels `from..to`, with the overscan.
    fn window(&self, from: f64, to: f64) -> Window {
        let count = self.of.len();
        let (mut first, mut last, mut top) = (count, count, 0.0);
        for (index, height) in self.of.iter().enumerate() {
            let bottom = top + height;
            if first == count && bottom > from {
                first = index;
            }
            if top >= to {
                last = index;
                break;
            }
            top = bottom;
        }
        let first = first.min(last).saturating_sub(OVERSCAN_ITEMS);
        let last = (last + OVERSCAN_ITEMS).min(count);
        Window {
            items: first..last,
            before: self.of[..first].iter().sum(),
            after: self.of[last..].iter().sum(),
        }
    }
}

/// A windowed list's state: what to render, and the way to reveal an item.
#[derive(Clone)]
pub struct Windowed {
    pub window: Window,
    container: NodeRef,
    heights: Rc<RefCell<Heights>>,
}

impl Windowed {
    /// Scrolls the container so that item `index` is at the top of its view
    /// (when it is not in view already); the window follows the scroll.
    pub fn reveal(&self, index: usize) {
        let Some(container) = self.container.cast::<web_sys::Element>() else {
            return;
        };
        let heights = self.heights.borrow();
        let top = heights.top_of(index);
        let bottom = top + heights.of.get(index).copied().unwrap_or(heights.estimate);
        let (view_top, view_height) = (
            f64::from(container.scroll_top()),
            f64::from(container.client_height()),
        );
        if top < view_top || bottom > view_top + view_height {
            container.set_scroll_top(top as i32);
        }
    }
}

/// The window of a list of `count` items, each about `estimate` CSS pixels
/// tall, in the scroll container `container`.
#[hook]
pub fn use_windowed(container: NodeRef, count: usize, estimate: f64) -> Windowed {
    let view = use_state_eq(|| (0.0_f64, FIRST_VIEW_HEIGHT));
    let heights = use_mut_ref(|| Heights {
        estimate,
        of: Vec::new(),
    });
    // Bumped when a measured height differs from the one counted.
    let measured = use_state(|| 0_u32);
    heights.borrow_mut().resize(count);

    // The view's scroll position and height, as the user scrolls.
    {
        let view = view.clone();
        let container = container.clone();
        use_effect_with((), move |()| {
            let read = {
                let container = container.clone();
                move || {
                    container.cast::<web_sys::Element>().map(|element| {
                        (
                            f64::from(element.scroll_top()),
                            f64::from(element.client_height()),
                        )
                    })
                }
            };
            if let Some(now) = read() {
                view.set(now);
            }
            let listener = container.cast::<web_sys::Element>().map(|element| {
                let view = view.clone();
                EventListener::new_with_options(
                    &element,
                    "scroll",
                    EventListenerOptions::default(),
                    move |_| {
                        if let Some(now) = read() {
                            view.set(now);
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    // After every render: measure the items in the page.
    {
        let heights = heights.clone();
        let container = container.clone();
        let measured = measured.clone();
        use_effect(move || {
            if let Some(element) = container.cast::<web_sys::Element>()
                && measure(&element, &mut heights.borrow_mut())
            {
                measured.set(*measured + 1);
            }
        });
    }

    let (top, height) = *view;
    let window = heights.borrow().window(top, top + height);
    Windowed {
        window,
        container,
        heights,
    }
}

/// Records the heights of the items rendered in `container` (the distance
/// from one item's top to the next one's, so margins count); returns
/// whether any differs from the height counted for it.
fn measure(container: &web_sys::Element, heights: &mut Heights) -> bool {
    let Ok(items) = container.query_selector_all("[data-window-item]") else {
        return false;
    };
    let mut rendered: Vec<(usize, f64, f64)> = Vec::new();
    for i in 0..items.length() {
        let Some(item) = items
            .item(i)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let Some(index) = item
            .get_attribute("data-window-item")
            .and_then(|at| at.parse::<usize>().ok())
        else {
            continue;
        };
        rendered.push((
            index,
            f64::from(item.offset_top()),
            f64::from(item.offset_height()),
        ));
    }
    let mut changed = false;
    let mut gap = 0.0;
    for (at, &(index, top, height)) in rendered.iter().enumerate() {
        let measured = match rendered.get(at + 1) {
            Some(&(next, next_top, _)) if next == index + 1 => {
                gap = (next_top - top - height).max(0.0);
                next_top - top
            }
            _ => height + gap,
        };
        if measured > 0.0
            && let Some(counted) = heights.of.get_mut(index)
            && (*counted - measured).abs() > 0.5
        {
            *counted = measured;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heights(of: Vec<f64>) -> Heights {
        Heights { estimate: 10.0, of }
    }

    #[test]
    fn the_window_holds_the_items_in_view_and_the_overscan_and_the_spacers_the_rest() {
        let list = heights(vec![10.0; 100]);
        let window = list.window(200.0, 300.0);
        assert_eq!(window.items, 16..34);
        assert_eq!(window.before, 160.0);
        assert_eq!(window.after, 660.0);
        assert_eq!(
            window.before + window.after + 10.0 * window.items.len() as f64,
            1000.0
        );
        let top = list.window(0.0, 35.0);
        assert_eq!((top.items, top.before), (0..8, 0.0));
        let bottom = list.window(990.0, 1600.0);
        assert_eq!((bottom.items, bottom.after), (95..100, 0.0));
    }

    #[test]
    fn items_of_other_heights_move_the_window_and_an_empty_list_has_none() {
        let mut of = vec![10.0; 50];
        of[0] = 400.0;
        let window = heights(of).window(400.0, 450.0);
        assert_eq!(window.items, 0..10);
        assert_eq!(heights(Vec::new()).window(0.0, 600.0).items, 0..0);
    }
}
