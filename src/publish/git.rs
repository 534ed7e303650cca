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

/// Publishes `job` into the repository, with the lessons library when the config names a
/// folder for it, in one commit: what was done, and the report's path in the repository; or
/// why not.
pub async fn publish(git: &Git, job: &Job) -> Result<(String, String), String> {
    let relative = path_for(&git.path, job);
    let mut files = vec![(relative.clone(), job.markdown.clone())];
    if let (Some(folder), Some(library)) = (&git.lessons, &job.library) {
        files.extend(library_files(folder, library, job.held_on));
    }
    let message = format!("{} (kaizen meeting {})", job.title(), job.meeting_id);
    let done = commit(git, &files, &message, &relative).await?;
    Ok((done, relative))
}

/// The lessons library alone (`kaizen lessons --publish`): what was done, or why not.
pub async fn publish_library(
    git: &Git,
    lessons: &[crate::lessons::Lesson],
    today: chrono::NaiveDate,
) -> Result<String, String> {
    let folder = git.lessons.as_deref().ok_or(
        "publish.git.lessons is not set: name a folder of the docs repository for the \
         library, e.g. lessons = \"lessons\"",
    )?;
    let files = library_files(folder, lessons, today);
    let message = format!(
        "Lessons library: {} {} (kaizen)",
        lessons.len(),
        if lessons.len() == 1 {
            "lesson"
        } else {
            "lessons"
        }
    );
    commit(git, &files, &message, &format!("{folder}/")).await
}

/// The library's pages at their paths in the repository.
fn library_files(
    folder: &str,
    lessons: &[crate::lessons::Lesson],
    today: chrono::NaiveDate,
) -> Vec<(String, String)> {
    super::library::pages(lessons, today)
        .into_iter()
        .map(|(name, text)| (format!("{folder}/{name}"), text))
        .collect()
}

/// Writes `files` (relative path, text) into the repository, takes out the library's pages
/// no longer among them, commits only those paths with `message` and pushes. `named` is how
/// the result names what was committed.
async fn commit(
    git: &Git,
    files: &[(String, String)],
    message: &str,
    named: &str,
) -> Result<String, String> {
    let repo = &git.repo;
    run(repo, &["rev-parse", "--is-inside-work-tree"])
        .await
        .map_err(|why| format!("{} is not a git repository ({why}): clone the docs repository there, or fix publish.git.repo", repo.display()))?;
    for (relative, text) in files {
        let file = repo.join(relative);
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|err| format!("{}: {err}", folder.display()))?;
        }
        crate::report::file::write_file(&file, text)?;
    }
    let mut paths: Vec<String> = files.iter().map(|(path, _)| path.clone()).collect();
    if let Some(folder) = &git.lessons
        && files
            .iter()
            .any(|(path, _)| path.starts_with(&format!("{folder}/")))
    {
        remove_stale_pages(repo, folder, files)?;
        paths.push(folder.clone());
    }
    let with_paths = |head: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        args.push("--".into());
        args.extend(paths.iter().cloned());
        args
    };
    run_owned(repo, with_paths(&["add", "-A"])).await?;
    // Nothing new to commit: this went in before (a push may be pending).
    let unchanged = run_owned(repo, with_paths(&["diff", "--cached", "--quiet"]))
        .await
        .is_ok();
    let mut done = if unchanged {
        format!("{named} already committed")
    } else {
        let mut args = identity(repo).await;
        args.extend(with_paths(&["commit", "--quiet", "-m", message]));
        run_owned(repo, args).await?;
        let commit = run(repo, &["rev-parse", "--short", "HEAD"]).await?;
        format!("committed {} as {named}", commit.trim())
    };
    if let Some(remote) = &git.remote {
        push(repo, remote).await.map_err(|why| {
            format!("{done}, not pushed: {why} (the commit is kept and pushed at the next try)")
        })?;
        done.push_str(&format!(" and pushed to {remote}"));
    }
    Ok(done)
}

/// Deletes the library's pages in `folder` that `files` no longer has (a lesson retitled
/// or gone); other files there are the team's and stay.
fn remove_stale_pages(repo: &Path, folder: &str, files: &[(String, String)]) -> Result<(), String> {
    let dir = repo.join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{folder}/{name}");
        let kept = files.iter().any(|(path, _)| *path == relative);
        if super::library::is_page(&name) && !kept {
            std::fs::remove_file(entry.path())
                .map_err(|err| format!("{}: {err}", entry.path().display()))?;
        }
    }
    Ok(())
}

async fn run_owned(repo: &Path, args: Vec<String>) -> Result<String, String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(repo, &args).await
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
