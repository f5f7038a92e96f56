# Desired branch protection for acme-corp/platform. github/branch-protection.json is the nightly
# export of what GitHub actually enforces; the Change Management Policy is checked against both.

terraform {
  required_providers {
    github = {
      source  = "integrations/github"
      version = "~> 6.3"
    }
  }
}

provider "github" {
  owner = "acme-corp"
}

data "github_repository" "platform" {
  full_name = "acme-corp/platform"
}

data "github_team" "platform_release" {
  slug = "platform-release"
}

resource "github_branch_protection" "platform_main" {
  repository_id = data.github_repository.platform.node_id
  pattern       = "main"

  enforce_admins                  = true
  require_signed_commits          = false
  required_linear_history         = true
  require_conversation_resolution = true
  allows_deletions                = false
  allows_force_pushes             = false
  lock_branch                     = false

  required_status_checks {
    strict   = true
    contexts = ["build", "unit-tests"]
  }

  required_pull_request_reviews {
    dismiss_stale_reviews           = true
    require_code_owner_reviews      = true
    required_approving_review_count = 2
    require_last_push_approval      = true
  }

  restrict_pushes {
    blocks_creations = false
    push_allowances  = [data.github_team.platform_release.node_id]
  }
}
