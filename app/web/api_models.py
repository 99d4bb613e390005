"""The shapes of the JSON API's answers (documented at /docs): one class a kind of row."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel


class Endpoint(BaseModel):
    url: str
    description: str


class ApiIndex(BaseModel):
    endpoints: list[Endpoint]
    docs: str
    downloads: list[str]


class ArticleOut(BaseModel):
    id: int
    source_file: str
    title: str
    title_basis: str
    outlet: str | None
    outlet_basis: str
    date: dt.date | None
    date_basis: str
    url: str | None
    words: int
    story: int | None


class RelationOut(BaseModel):
    id: int
    relation: str


class FigureBase(BaseModel):
    id: int
    article_id: int
    article: str
    outlet: str | None
    article_title: str
    date: dt.date | None
    article_date: dt.date | None
    url: str | None
    text: str
    start: int
    end: int
    sentence: str
    value: int | float | None
    value_high: int | float | None
    qualifier: str
    measure: str
    group: str
    place: str | None
    source: str
    topic: str
    ref_date: dt.date | None
    figure_date: dt.date | None
    reported_on: dt.date | None
    derived: bool
    parts: list[int]
    event: Literal["this", "other"]
    event_reason: str
    status: Literal["reported", "preliminary", "revised", "retracted", "disputed"]
    in_title: bool


class FigureOut(FigureBase):
    matches: list[int]
    relations: list[RelationOut]


class MatchOut(BaseModel):
    id: int
    relation: str
    reason: str
    article_id: int
    article: str
    outlet: str | None
    date: dt.date | None
    text: str
    value: int | float | None
    qualifier: str
    source: str


class AgreementOut(BaseModel):
    topic: str
    story: int | None
    figures: int
    articles: int
    values: list[float]
    min: float | None
    max: float | None
    sources: list[str]
    agree: bool


class FigureDetailOut(FigureBase):
    rejected: bool
    matches: list[MatchOut]
    agreement: AgreementOut


class ActorOut(BaseModel):
    id: int
    slug: str
    name: str
    kind: str
    aliases: list[str]
    articles: list[int]


class StoryOut(BaseModel):
    id: int
    title: str
    articles: list[int]
    first_date: dt.date | None
    last_date: dt.date | None


class ReportOut(BaseModel):
    id: int
    outlet: str | None
    date: dt.date | None
    title: str


class StoryOutletOut(BaseModel):
    outlet: str | None
    articles: int
    undated: int
    first: ReportOut | None
    last: ReportOut | None


class StoryValueOut(BaseModel):
    value: str
    figure_id: int
    relation: str  # main | same | compatible | differs | earlier | later | scope | about
    reason: str
    outlets: list[str]
    reports: int
    first_date: dt.date | None


class StoryFigureOut(BaseModel):
    topic: str
    kind: str
    agreeing_outlets: int
    outlets: int
    values: list[StoryValueOut]


class StoryPageOut(BaseModel):
    id: int
    title: str
    articles: int
    undated: int
    first_date: dt.date | None
    last_date: dt.date | None
    outlets_total: int  # named outlets
    unnamed: int  # articles of no known outlet
    outlets: list[StoryOutletOut]
    page: int
    pages: int
    headlines: list[ReportOut]
    main_figures: list[StoryFigureOut]
    series: list[dict[str, str]]
    disputed: list[dict[str, str]]


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleOut]


class FigurePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[FigureOut]


class ActorPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorOut]
