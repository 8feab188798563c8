//! How the text-coded enums of `model` are stored. An entity holds such a column as
//! [`Coded<T>`]: the enum's code (`as_str()`) goes into a string column and is read back with
//! `parse`; a code the enum does not know is a database error, not a panic.
//!
//! The mapping lives here, not in `model`, so that `model` has no database dependency (the
//! browser bundle links it). Rust lets only sea-orm's crates or the enum's own crate implement
//! sea-orm's traits for `model`'s enums, hence this thin wrapper, written once for every enum.
//!
//! Working with it: compare directly (`row.status == CourseStatus::Open`), take the enum with
//! `*row.status`, write with `Set(CourseStatus::Open.into())`, and filter with the code
//! (`Column::Status.eq(CourseStatus::Open.as_str())`, or [`codes`] for a list).

use model::enums::TextEnum;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, StringLen, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryGetError, TryGetable, Value};

/// A text-coded enum as an entity's column (see the module's documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Coded<T>(pub T);

impl<T> std::ops::Deref for Coded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Coded<T> {
    fn from(value: T) -> Self {
        Coded(value)
    }
}

impl<T: PartialEq> PartialEq<T> for Coded<T> {
    fn eq(&self, other: &T) -> bool {
        self.0 == *other
    }
}

/// The codes of several variants, for `is_in` filters.
pub fn codes<T: TextEnum>(values: impl IntoIterator<Item = T>) -> Vec<&'static str> {
    values.into_iter().map(TextEnum::code).collect()
}

impl<T: TextEnum> From<Coded<T>> for Value {
    fn from(value: Coded<T>) -> Value {
        Value::String(Some(value.0.code().to_string()))
    }
}

impl<T: TextEnum> TryGetable for Coded<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let code = String::try_get_by(res, index)?;
        T::from_code(&code).map(Coded).ok_or_else(|| {
            TryGetError::DbErr(DbErr::Type(format!(
                "unknown code {code:?} for {}",
                std::any::type_name::<T>()
            )))
        })
    }
}

impl<T: TextEnum> ValueType for Coded<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        let code = <String as ValueType>::try_from(value)?;
        T::from_code(&code).map(Coded).ok_or(ValueTypeErr)
    }

    fn type_name() -> String {
        std::any::type_name::<T>().to_string()
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::String(StringLen::N(32))
    }
}

impl<T: TextEnum> Nullable for Coded<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

impl<T: TextEnum> sea_orm::IntoActiveValue<Coded<T>> for Coded<T> {
    fn into_active_value(self) -> sea_orm::ActiveValue<Coded<T>> {
        sea_orm::ActiveValue::Set(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::enums::CourseStatus;

    #[test]
    fn a_code_goes_in_and_comes_back() {
        for status in CourseStatus::ALL {
            let value: Value = Coded(*status).into();
            assert_eq!(value, Value::String(Some(status.as_str().to_string())));
            assert_eq!(
                <Coded<CourseStatus> as ValueType>::try_from(value).ok(),
                Some(Coded(*status))
            );
        }
        let unknown = Value::String(Some("no_such_code".to_string()));
        assert!(<Coded<CourseStatus> as ValueType>::try_from(unknown).is_err());
    }
}
