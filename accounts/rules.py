import rules

from core.rules import is_approved_member, is_secretariat

rules.add_perm("accounts.approve_user", is_secretariat)
rules.add_perm("accounts.see_members_content", is_approved_member)
