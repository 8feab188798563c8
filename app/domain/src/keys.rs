//! The installation's secret key (`YUCAI_SECRET_KEY_FILE`): 32 random bytes, generated on
//! first run with file mode 0600 and never stored in the repository. Purpose-specific keys
//! (ID-number encryption, the ID-number lookup hash, certificate signing) are derived from it
//! with HMAC-SHA256, so one file backs them all and no two purposes share a key.

use crate::{DomainError, DomainResult};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

pub struct SecretKey {
    bytes: [u8; 32],
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl SecretKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        SecretKey { bytes }
    }

    /// A fresh random key (tests, first run).
    pub fn generate() -> Self {
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        SecretKey { bytes }
    }

    /// Reads the key file, or creates it (mode 0600, parent folders too) when it is absent.
    pub fn load_or_create(path: &Path) -> DomainResult<(Self, bool)> {
        let fail = |what: &str, e: std::io::Error| {
            DomainError::Internal(format!("{what} {}: {e}", path.display()))
        };
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let bytes = hex::decode(text.trim())
                    .ok()
                    .and_then(|b| <[u8; 32]>::try_from(b).ok())
                    .ok_or_else(|| {
                        DomainError::Internal(format!(
                            "{} does not hold a 64-hex-digit key",
                            path.display()
                        ))
                    })?;
                Ok((SecretKey { bytes }, false))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| fail("cannot create the folder of", e))?;
                }
                let key = SecretKey::generate();
                write_private(path, &hex::encode(key.bytes))
                    .map_err(|e| fail("cannot write", e))?;
                Ok((key, true))
            }
            Err(e) => Err(fail("cannot read", e)),
        }
    }

    /// A 32-byte key for one purpose, e.g. `derive("id-number-hash")`.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.bytes).expect("HMAC takes any key length");
        mac.update(b"yucai/");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, format!("{text}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_a_private_key_file_once_and_reads_it_back() {
        let dir = std::env::temp_dir().join(format!("yucai-key-{}", std::process::id()));
        let path = dir.join("nested/secret.key");
        let (first, created) = SecretKey::load_or_create(&path).unwrap();
        assert!(created);
        let (second, created) = SecretKey::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(first.derive("x"), second.derive("x"));
        assert_ne!(first.derive("x"), first.derive("y"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(SecretKey::load_or_create(&path).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
