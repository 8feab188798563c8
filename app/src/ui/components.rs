pub mod form;
pub mod layout;
pub mod list_filter;
pub mod pager;
