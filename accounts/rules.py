import rules

from core.rules import is_secretariat

rules.add_perm("accounts.approve_user", is_secretariat)
