//! The report into the team's docs repository: written at the configured path, committed with
//! a message naming the meeting, pushed when a remote is set. `git` runs as the user has it
//! (their identity, credentials and hooks), never prompting. A push the remote refuses is
//! rebased onto the remote's branch and tried once more; a conflict is undone and said, and
//! the local commit is kept for the next try.

use super::Job;
use super::settings::Git;
use std::path::Path;
use std::time::Duration;
use tokio::process::Command;

/// How long one git command may take (a push over a slow link).
const GIT_TIMEOUT: Duration = Duration::from_secs(60);

/// Publishes `job` into the repository: what was done, and the report's path in the
/// repository; or why not.
pub async fn publish(git: &Git, job: &Job) -> Result<(String, String), String> {
    let repo = &git.repo;
    run(repo, &["rev-parse", "--is-inside-work-tree"])
        .await
        .map_err(|why| format!("{} is not a git repository ({why}): clone the docs repository there, or fix publish.git.repo", repo.display()))?;
    let relative = path_for(&git.path, job);
    let file = repo.join(&relative);
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(|err| format!("{}: {err}", folder.display()))?;
    }
    crate::report::file::write_file(&file, &job.markdown)?;
    run(repo, &["add", "--", &relative]).await?;
    // Nothing new to commit: this meeting's report went in before (a push may be pending).
    let unchanged = run(repo, &["diff", "--cached", "--quiet", "--", &relative])
        .await
        .is_ok();
    let mut done = if unchanged {
        format!("{relative} already committed")
    } else {
        let message = format!("{} (kaizen meeting {})", job.title(), job.meeting_id);
        let mut args = identity(repo).await;
        args.extend(["commit", "--quiet", "-m", &message, "--", &relative].map(String::from));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(repo, &args).await?;
        let commit = run(repo, &["rev-parse", "--short", "HEAD"]).await?;
        format!("committed {} as {relative}", commit.trim())
    };
    if let Some(remote) = &git.remote {
        push(repo, remote).await.map_err(|why| {
            format!("{done}, not pushed: {why} (the commit is kept and pushed at the next try)")
        })?;
        done.push_str(&format!(" and pushed to {remote}"));
    }
    Ok((done, relative))
}

/// The report's path in the repository: the pattern filled from the meeting.
pub fn path_for(pattern: &str, job: &Job) -> String {
    let cycle = crate::report::file::safe_name(&job.cycle);
    pattern
        .replace("{year}", &job.held_on.format("%Y").to_string())
        .replace("{month}", &job.held_on.format("%m").to_string())
        .replace("{day}", &job.held_on.format("%d").to_string())
        .replace("{date}", &job.held_on.to_string())
        .replace("{cycle}", &cycle)
        .replace("{id}", &job.meeting_id.to_string())
}

/// The current branch to the remote; refused as behind, the remote's changes are taken in
/// (rebased under the local commits) and it is pushed again. A rebase that conflicts is
/// undone, leaving the repository as it was.
async fn push(repo: &Path, remote: &str) -> Result<(), String> {
    let branch = run(repo, &["rev-parse", "--abbrev-ref", "HEAD"]).await?;
    let branch = branch.trim().to_string();
    let first = match run(repo, &["push", "--quiet", remote, &branch]).await {
        Ok(_) => return Ok(()),
        Err(why) => why,
    };
    if run(repo, &["pull", "--rebase", "--quiet", remote, &branch])
        .await
        .is_err()
    {
        let _ = run(repo, &["rebase", "--abort"]).await;
        return Err(format!(
            "the push was refused ({first}) and the remote's changes conflict with it: merge them in {}",
            repo.display()
        ));
    }
    run(repo, &["push", "--quiet", remote, &branch])
        .await
        .map(|_| ())
}

/// `-c user.name=kaizen -c user.email=…` when the user has no git identity, so a commit is
/// never refused for want of one; their own identity otherwise.
async fn identity(repo: &Path) -> Vec<String> {
    let named = run(repo, &["config", "user.name"]).await.is_ok();
    let mailed = run(repo, &["config", "user.email"]).await.is_ok();
    let mut args = Vec::new();
    if !named {
        args.extend(["-c".to_string(), "user.name=kaizen".to_string()]);
    }
    if !mailed {
        args.extend(["-c".to_string(), "user.email=kaizen@localhost".to_string()]);
    }
    args
}

/// Runs `git -C repo args`, never prompting; its output, or its error's last line.
async fn run(repo: &Path, args: &[&str]) -> Result<String, String> {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ASKPASS", "true")
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    let output = match tokio::time::timeout(GIT_TIMEOUT, command.output()).await {
        Ok(Ok(output)) => output,
        Ok(Err(err)) => return Err(format!("cannot run git: {err}")),
        Err(_) => {
            return Err(format!(
                "git {} took over {} s",
                args.first().unwrap_or(&""),
                GIT_TIMEOUT.as_secs()
            ));
        }
    };
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    let errors = String::from_utf8_lossy(&output.stderr);
    let why = errors
        .lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty() && !line.starts_with("hint:"))
        .unwrap_or("failed")
        .to_string();
    Err(crate::text::clean(&hide_credentials(&why)).into_owned())
}

/// A URL's user and password in git's message replaced by `***` (a remote written as
/// `https://user:token@host/repo`), so no secret reaches the screen, the log or the store.
pub fn hide_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let end = after
            .find(|c: char| c == '/' || c.is_whitespace() || c == '\'' || c == '"')
            .unwrap_or(after.len());
        match after[..end].rfind('@') {
            Some(userinfo) => {
                out.push_str("***");
                out.push_str(&after[userinfo..end]);
            }
            None => out.push_str(&after[..end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}
