//! Search: text folding, the index, and queries with filters, facets and distance.

mod bitset;
mod engine;
mod flags;
mod fold;
mod index;
mod query;
mod sound;
mod stems;
mod stop_words;
mod suggest;
mod thesaurus;

pub use flags::{DATA_FLAGS, DATE_FLAGS, MAX_OUTSIDE_FLAGS, SOON_DAYS};
pub use fold::{
    for_each_token, for_each_token_as_heard, prefix_within_one_edit, tokens, within_one_edit,
};
pub use index::Index;
pub use query::{
    FacetCount, Facets, Hit, MAX_LIMIT, Query, QueryError, ResultsShape, SearchResults, Sort,
};
pub(crate) use sound::sound_of;
pub use stop_words::{drop_stop_words, is_stop_word};
pub use thesaurus::Thesaurus;
#[cfg(not(target_arch = "wasm32"))]
pub use thesaurus::thesaurus_text;
