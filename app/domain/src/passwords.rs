//! Password hashing: argon2id with m = 19456 KiB, t = 2, p = 1 (OWASP's recommendation), in a
//! blocking task so the async workers keep serving, with a bound on concurrent hashes so a
//! burst of logins cannot exhaust memory (each hash holds 19 MiB).

use crate::{DomainError, DomainResult};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

pub struct Passwords {
    permits: Semaphore,
}

impl Default for Passwords {
    fn default() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Passwords::with_concurrency(cores * 2)
    }
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a password nobody has, to spend the same time on unknown accounts.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_now("not a real password"));

fn hash_now(password: &str) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing")
        .to_string()
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

impl Passwords {
    pub fn with_concurrency(n: usize) -> Self {
        Passwords {
            permits: Semaphore::new(n.max(1)),
        }
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> DomainResult<T> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))
    }

    pub async fn hash(&self, password: &str) -> DomainResult<String> {
        let password = password.to_string();
        self.blocking(move || hash_now(&password)).await
    }

    /// Checks `password` against `hash`; with no hash (unknown account) it still does the
    /// work, so timing does not tell which phone numbers are registered.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> DomainResult<bool> {
        let password = password.to_string();
        let hash = hash.map(str::to_string);
        self.blocking(move || match hash {
            Some(hash) => verify_now(&password, &hash),
            None => {
                verify_now(&password, &DUMMY_HASH);
                false
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_argon2id_with_the_agreed_parameters() {
        let p = Passwords::with_concurrency(1);
        let hash = p.hash("correct horse").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(p.verify("correct horse", Some(&hash)).await.unwrap());
        assert!(!p.verify("wrong horse", Some(&hash)).await.unwrap());
        assert!(!p.verify("anything", None).await.unwrap());
    }
}
