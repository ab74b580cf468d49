from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_new_post(post_id: int) -> None:
    """E-mail the people a new post mentions, and those watching its thread."""
    from discussions import notifications

    notifications.notify_new_post(post_id=post_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def tell_author_post_hidden(post_id: int) -> None:
    """Tell the author why several members' flags hid their post, and that they may edit it."""
    from discussions import notifications

    notifications.tell_author_post_hidden(post_id=post_id)
