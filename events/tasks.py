from celery import shared_task
from django.db import DatabaseError

from sources.models import Article

from . import services


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def extract_article(article_id):
    article = Article.objects.filter(id=article_id).select_related("feed").first()
    if article is None or not article.text:
        return None
    out = services.extract_and_record(article)
    return {"statements": out.statements, "meetings": out.meetings, "proposals": out.proposals}
