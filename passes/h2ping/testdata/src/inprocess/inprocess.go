package inprocess
